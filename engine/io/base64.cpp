#include "engine/io/base64.h"

#include <bit>
#include <cstring>

namespace bp::io {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int decode_char(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

template <class T>
std::vector<uint8_t> to_le_bytes(const std::vector<T>& values) {
  static_assert(std::endian::native == std::endian::little, "big-endian hosts need byte swaps");
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

template <class T>
std::optional<std::vector<T>> from_le_bytes(const std::optional<std::vector<uint8_t>>& bytes) {
  if (!bytes || bytes->size() % sizeof(T) != 0) return std::nullopt;
  std::vector<T> values(bytes->size() / sizeof(T));
  if (!values.empty()) std::memcpy(values.data(), bytes->data(), bytes->size());
  return values;
}

}  // namespace

std::string base64_encode(const std::vector<uint8_t>& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = uint32_t{bytes[i]} << 16;
    if (rest == 2) v |= uint32_t{bytes[i + 1]} << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::vector<uint8_t>> base64_decode(const std::string& text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::vector<uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const int pad = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
    if (pad == 1 && text[i + 2] == '=') return std::nullopt;
    int d[4];
    for (int k = 0; k < 4 - pad; ++k)
      if ((d[k] = decode_char(text[i + static_cast<size_t>(k)])) < 0) return std::nullopt;
    for (int k = 4 - pad; k < 4; ++k) d[k] = 0;
    const uint32_t v = (static_cast<uint32_t>(d[0]) << 18) | (static_cast<uint32_t>(d[1]) << 12) |
                       (static_cast<uint32_t>(d[2]) << 6) | static_cast<uint32_t>(d[3]);
    out.push_back(static_cast<uint8_t>(v >> 16));
    if (pad < 2) out.push_back(static_cast<uint8_t>(v >> 8));
    if (pad < 1) out.push_back(static_cast<uint8_t>(v));
  }
  return out;
}

std::string floats_to_base64(const std::vector<float>& values) {
  return base64_encode(to_le_bytes(values));
}
std::optional<std::vector<float>> floats_from_base64(const std::string& text) {
  return from_le_bytes<float>(base64_decode(text));
}
std::string int64s_to_base64(const std::vector<int64_t>& values) {
  return base64_encode(to_le_bytes(values));
}
std::optional<std::vector<int64_t>> int64s_from_base64(const std::string& text) {
  return from_le_bytes<int64_t>(base64_decode(text));
}

}  // namespace bp::io
