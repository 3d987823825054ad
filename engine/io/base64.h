#pragma once
// Base64 (RFC 4648, with padding) of little-endian binary arrays: how a project file keeps large
// state arrays (optimizer buffers, a sample order) compactly and bit-exactly.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bp::io {

std::string base64_encode(const std::vector<uint8_t>& bytes);
// nullopt for text that is not valid base64.
std::optional<std::vector<uint8_t>> base64_decode(const std::string& text);

std::string floats_to_base64(const std::vector<float>& values);  // float32, little-endian
std::optional<std::vector<float>> floats_from_base64(const std::string& text);
std::string int64s_to_base64(const std::vector<int64_t>& values);  // int64, little-endian
std::optional<std::vector<int64_t>> int64s_from_base64(const std::string& text);

}  // namespace bp::io
