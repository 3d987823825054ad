#include "engine/data/idx_reader.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>

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

// The bytes of a plain IDX file, or the decompressed bytes of a gzip file with one or more
// members (`cat a.gz b.gz`, which gunzip reads as one stream). Trailing zero bytes after the last
// member are ignored (as gzip does); any other trailing bytes are an error that says where.
class ByteSource {
 public:
  ByteSource(const std::string& bytes, std::string path) : in_(bytes), path_(std::move(path)) {
    gzipped_ = in_.size() >= 2 && static_cast<uint8_t>(in_[0]) == 0x1f &&
               static_cast<uint8_t>(in_[1]) == 0x8b;
    if (!gzipped_) return;
    if (inflateInit2(&zs_, 15 + 16) != Z_OK)
      throw Error(path_ + ": cannot start the gzip decoder (out of memory?)");
    zs_initialized_ = true;
  }
  ~ByteSource() {
    if (zs_initialized_) inflateEnd(&zs_);
  }
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  bool gzipped() const { return gzipped_; }

  // Reads up to n bytes into dst; returns how many (fewer only at the end of the data).
  uint64_t read(uint8_t* dst, uint64_t n) {
    if (!gzipped_) {
      const uint64_t got = std::min<uint64_t>(n, in_.size() - pos_);
      std::memcpy(dst, in_.data() + pos_, got);
      pos_ += got;
      return got;
    }
    uint64_t done = 0;
    while (done < n && !finished_) {
      if (zs_.avail_in == 0) {
        const uint64_t chunk = std::min<uint64_t>(in_.size() - pos_, 1u << 30);
        zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in_.data() + pos_));
        zs_.avail_in = static_cast<uInt>(chunk);
        pos_ += chunk;
      }
      const auto want = static_cast<uInt>(std::min<uint64_t>(n - done, 1u << 30));
      zs_.next_out = dst + done;
      zs_.avail_out = want;
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      done += want - zs_.avail_out;
      if (rc == Z_STREAM_END) {
        next_member();
      } else if (rc == Z_BUF_ERROR && zs_.avail_in == 0 && pos_ == in_.size()) {
        throw Error(path_ +
                    ": the gzip data is truncated (the file ends inside a compressed "
                    "member, after " +
                    std::to_string(zs_.total_out + member_offset_out_) + " bytes)");
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw Error(path_ + ": the gzip data is corrupt near byte " + std::to_string(consumed()) +
                    " of the file (" + (zs_.msg ? zs_.msg : "zlib error " + std::to_string(rc)) +
                    ")");
      }
    }
    return done;
  }

 private:
  uint64_t consumed() const { return pos_ - zs_.avail_in; }

  // After a member's end: another member, trailing zeros (ignored), the end, or garbage.
  void next_member() {
    const uint64_t at = consumed();
    const uint64_t rest = in_.size() - at;
    if (rest == 0) {
      finished_ = true;
      return;
    }
    if (rest >= 2 && static_cast<uint8_t>(in_[at]) == 0x1f &&
        static_cast<uint8_t>(in_[at + 1]) == 0x8b) {
      member_offset_out_ += zs_.total_out;
      const uInt avail = zs_.avail_in;
      Bytef* next = zs_.next_in;
      inflateReset(&zs_);
      zs_.next_in = next;
      zs_.avail_in = avail;
      return;
    }
    bool zeros = true;
    for (uint64_t i = at; i < in_.size() && zeros; ++i) zeros = in_[i] == 0;
    if (!zeros)
      throw Error(path_ + ": " + std::to_string(rest) +
                  " bytes of trailing garbage after the gzip data (from byte " +
                  std::to_string(at) +
                  " of the file, which is not the start of another gzip "
                  "member); remove them, or re-compress the file");
    finished_ = true;
  }

  const std::string& in_;
  std::string path_;
  uint64_t pos_ = 0;
  bool gzipped_ = false, finished_ = false, zs_initialized_ = false;
  uint64_t member_offset_out_ = 0;
  z_stream zs_{};
};

}  // namespace

IdxArray read_idx(const std::string& path, int expected_rank) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(path, ec))
    throw Error(path + ": cannot open the IDX file (does it exist and is it readable?)");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_idx_bytes(ss.str(), path, expected_rank);
}

IdxArray parse_idx_bytes(const std::string& bytes, const std::string& path, int expected_rank) {
  ByteSource f(bytes, path);
  std::array<uint8_t, 4> magic{};
  if (f.read(magic.data(), 4) != 4)
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
  const uint64_t dims_bytes = 4 * static_cast<uint64_t>(rank);
  if (f.read(raw_dims.data(), dims_bytes) != dims_bytes)
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
  const uint64_t file_size = bytes.size();
  if (!f.gzipped() && file_size != total)
    throw Error(
        path + ": the header says " + std::to_string(payload) + " bytes of data but the file " +
        (file_size < total ? "is truncated: it holds only " : "is inconsistent: it holds ") +
        std::to_string(file_size - header) + " bytes after the header");

  // Grown as the data arrives: a header that lies about a compressed file's size costs no more
  // memory than the data that is really there.
  constexpr uint64_t kChunk = uint64_t{1} << 24;
  out.data.reserve(std::min<uint64_t>(payload, uint64_t{1} << 26));
  uint64_t got = 0;
  while (got < payload) {
    const uint64_t want = std::min(kChunk, payload - got);
    out.data.resize(got + want);
    const uint64_t n = f.read(out.data.data() + got, want);
    got += n;
    if (n < want) break;
  }
  if (got != payload)
    throw Error(path + ": truncated: the header says " + std::to_string(payload) +
                " bytes of data, the " + (f.gzipped() ? "decompressed stream" : "file") +
                " holds only " + std::to_string(got));
  uint8_t extra = 0;
  if (f.read(&extra, 1) != 0)
    throw Error(path + ": inconsistent: there is more data after the " + std::to_string(payload) +
                " bytes the header describes");
  return out;
}

void check_labels(const IdxArray& labels, const std::string& labels_path, int known_classes) {
  std::array<int64_t, 256> count{};
  for (const uint8_t l : labels.data) ++count[l];
  int max_label = 0, present = 0;
  for (int k = 0; k < 256; ++k)
    if (count[static_cast<size_t>(k)] > 0) {
      max_label = k;
      ++present;
    }
  // A label beyond the known classes, or one far above all others (classes 10..254 absent but
  // 255 present): most likely a corrupt byte, not a class of its own.
  int bad = -1;
  if (known_classes > 0 && max_label >= known_classes) bad = max_label;
  if (known_classes == 0 && max_label + 1 > 2 * present && max_label >= 16) bad = max_label;
  if (bad < 0) return;
  size_t sample = 0;
  while (labels.data[sample] != bad) ++sample;
  const uint64_t byte = 8 + sample;  // IDX1 header: magic + one size
  throw Error(labels_path + ": bad label " + std::to_string(bad) + " at sample " +
              std::to_string(sample) + " (byte " + std::to_string(byte) +
              (labels_path.ends_with(".gz") ? " of the decompressed file" : " of the file") +
              (count[static_cast<size_t>(bad)] > 1
                   ? ", and " + std::to_string(count[static_cast<size_t>(bad)] - 1) + " more"
                   : std::string()) +
              "): " +
              (known_classes > 0 ? "this data set has " + std::to_string(known_classes) +
                                       " classes (0.." + std::to_string(known_classes - 1) + ")"
                                 : "only " + std::to_string(present) + " of the classes 0.." +
                                       std::to_string(bad) + " occur") +
              "; the labels file is probably corrupt");
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
                               const std::string& name, int known_classes) {
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
  check_labels(labels, labels_path, known_classes);
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
