#include "engine/data/idx_reader.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>

#include "engine/core/error.h"

namespace bp {
namespace {

constexpr uint8_t kUbyte = 0x08;
constexpr uint64_t kMaxPayload = uint64_t{1} << 32;  // 4 GiB: far above any MNIST-style file

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

uint32_t big_endian_u32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

std::string hex_byte(uint8_t b) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 15];
}

const char* dtype_name(uint8_t t) {
  switch (t) {
    case 0x08:
      return "unsigned byte";
    case 0x09:
      return "signed byte";
    case 0x0B:
      return "short";
    case 0x0C:
      return "int";
    case 0x0D:
      return "float";
    case 0x0E:
      return "double";
    default:
      return "unknown";
  }
}

// Reads exactly n bytes; returns how many were read; throws on a zlib error.
uint64_t read_bytes(gzFile_s* f, uint8_t* dst, uint64_t n, const std::string& path) {
  uint64_t done = 0;
  while (done < n) {
    const auto chunk = static_cast<unsigned>(std::min<uint64_t>(n - done, 1u << 30));
    const int got = gzread(f, dst + done, chunk);
    if (got < 0) {
      int code = 0;
      const char* msg = gzerror(f, &code);
      throw Error(path + ": the file is corrupt or truncated (" + (msg ? msg : "read error") + ")");
    }
    if (got == 0) break;
    done += static_cast<uint64_t>(got);
  }
  return done;
}

}  // namespace

IdxArray read_idx(const std::string& path, int expected_rank) {
  std::error_code ec;
  const uintmax_t file_size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(path + ": cannot open the IDX file (" + ec.message() + ")");

  // gzip? (magic 1f 8b) and, if so, the uncompressed length mod 2^32 from the trailer (ISIZE).
  bool gzipped = false;
  uint32_t isize = 0;
  {
    std::ifstream raw(path, std::ios::binary);
    std::array<unsigned char, 4> head{};
    raw.read(reinterpret_cast<char*>(head.data()), 2);
    gzipped = raw.gcount() == 2 && head[0] == 0x1f && head[1] == 0x8b;
    if (gzipped) {
      if (file_size < 18)
        throw Error(path + ": the gzip file is truncated (" + std::to_string(file_size) +
                    " bytes)");
      raw.seekg(static_cast<std::streamoff>(file_size - 4));
      raw.read(reinterpret_cast<char*>(head.data()), 4);
      isize = uint32_t{head[0]} | (uint32_t{head[1]} << 8) | (uint32_t{head[2]} << 16) |
              (uint32_t{head[3]} << 24);
    }
  }

  GzFile f(gzopen(path.c_str(), "rb"));
  if (!f) throw Error(path + ": cannot open the IDX file");
  gzbuffer(f.get(), 1 << 17);

  std::array<uint8_t, 4> magic{};
  if (read_bytes(f.get(), magic.data(), 4, path) != 4)
    throw Error(path + ": the file is empty or truncated (no IDX header)");
  if (magic[0] != 0 || magic[1] != 0)
    throw Error(path + ": not an IDX file (magic number starts with " + hex_byte(magic[0]) + " " +
                hex_byte(magic[1]) + ", expected 0x00 0x00)");
  if (magic[2] != kUbyte)
    throw Error(path + ": holds data type " + hex_byte(magic[2]) + " (" + dtype_name(magic[2]) +
                "); only unsigned bytes (0x08) are supported");
  const int rank = magic[3];
  if (rank < 1 || rank > 4)
    throw Error(path + ": the header declares " + std::to_string(rank) +
                " dimensions; expected 1 to 4");
  if (expected_rank != 0 && rank != expected_rank)
    throw Error(path + ": has " + std::to_string(rank) + " dimensions, expected " +
                std::to_string(expected_rank) +
                (expected_rank == 3 ? " (images: count, rows, columns)" : " (labels: count)"));

  std::array<uint8_t, 16> raw_dims{};
  const auto dims_bytes = static_cast<uint64_t>(4 * rank);
  if (read_bytes(f.get(), raw_dims.data(), dims_bytes, path) != dims_bytes)
    throw Error(path + ": the file is truncated inside the IDX header");
  IdxArray out;
  uint64_t payload = 1;
  for (int i = 0; i < rank; ++i) {
    const uint32_t d = big_endian_u32(raw_dims.data() + 4 * i);
    if (d == 0) throw Error(path + ": dimension " + std::to_string(i) + " is 0 (no data)");
    payload *= d;
    if (payload > kMaxPayload)
      throw Error(path + ": the header's sizes describe more than 4 GiB of data (corrupt header?)");
    out.dims.push_back(d);
  }
  const uint64_t header = 4 + dims_bytes;
  const uint64_t total = header + payload;
  if (!gzipped && file_size != total)
    throw Error(
        path + ": the header says " + std::to_string(payload) + " bytes of data but the file " +
        (file_size < total ? "is truncated: it holds only " : "is inconsistent: it holds ") +
        std::to_string(file_size - header) + " bytes after the header");
  if (gzipped && static_cast<uint32_t>(total) != isize)
    throw Error(path + ": the header says " + std::to_string(total) +
                " bytes in all, but the gzip stream records " + std::to_string(isize) +
                " (truncated or inconsistent file)");

  out.data.resize(payload);
  const uint64_t got = read_bytes(f.get(), out.data.data(), payload, path);
  if (got != payload)
    throw Error(path + ": truncated: the header says " + std::to_string(payload) +
                " bytes of data, the file holds " + std::to_string(got));
  uint8_t extra = 0;
  if (read_bytes(f.get(), &extra, 1, path) != 0)
    throw Error(path + ": inconsistent: there is more data after the " + std::to_string(payload) +
                " bytes the header describes");
  return out;
}

void write_idx(const std::string& path, const IdxArray& array, bool gzip) {
  const int rank = static_cast<int>(array.dims.size());
  if (rank < 1 || rank > 4) throw Error(path + ": IDX arrays have 1 to 4 dimensions");
  std::vector<uint8_t> bytes = {0, 0, kUbyte, static_cast<uint8_t>(rank)};
  uint64_t numel = 1;
  for (const int64_t d : array.dims) {
    const auto u = static_cast<uint32_t>(d);
    for (int s = 24; s >= 0; s -= 8) bytes.push_back(static_cast<uint8_t>(u >> s));
    numel *= static_cast<uint64_t>(d);
  }
  if (numel != array.data.size())
    throw Error(path + ": IDX dims describe " + std::to_string(numel) + " bytes, data has " +
                std::to_string(array.data.size()));
  bytes.insert(bytes.end(), array.data.begin(), array.data.end());
  if (gzip) {
    GzFile f(gzopen(path.c_str(), "wb"));
    if (!f) throw Error(path + ": cannot create the file");
    if (gzwrite(f.get(), bytes.data(), static_cast<unsigned>(bytes.size())) !=
        static_cast<int>(bytes.size()))
      throw Error(path + ": write failed");
    return;
  }
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw Error(path + ": cannot write the file");
}

Dataset read_idx_images_labels(const std::string& images_path, const std::string& labels_path,
                               const std::string& name) {
  const IdxArray images = read_idx(images_path, 3);
  const IdxArray labels = read_idx(labels_path, 1);
  if (images.dims[0] != labels.dims[0])
    throw Error(images_path + " holds " + std::to_string(images.dims[0]) + " images but " +
                labels_path + " holds " + std::to_string(labels.dims[0]) +
                " labels; the two files must describe the same samples");
  Dataset ds;
  ds.name = name;
  ds.task = TaskKind::Classification;
  ds.sample_shape = Shape{1, images.dims[1], images.dims[2]};
  ds.target_dim = 1;
  constexpr float kScale = 1.0f / 255.0f;
  // In cache-sized chunks: the zero-fill of each resize stays in cache (no separate pass over a
  // 60,000-image set) and the conversion loop vectorizes.
  constexpr size_t kChunk = size_t{1} << 14;
  ds.features.reserve(images.data.size());
  for (size_t begin = 0; begin < images.data.size(); begin += kChunk) {
    const size_t end = std::min(images.data.size(), begin + kChunk);
    ds.features.resize(end);
    for (size_t i = begin; i < end; ++i)
      ds.features[i] = static_cast<float>(images.data[i]) * kScale;
  }
  ds.targets.resize(labels.data.size());
  uint8_t max_label = 0;
  for (size_t i = 0; i < labels.data.size(); ++i) {
    ds.targets[i] = static_cast<float>(labels.data[i]);
    max_label = std::max(max_label, labels.data[i]);
  }
  ds.num_classes = max_label + 1;
  for (int k = 0; k < ds.num_classes; ++k) ds.class_names.push_back(std::to_string(k));
  return ds;
}

}  // namespace bp
