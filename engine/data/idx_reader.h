#pragma once
// IDX files (the MNIST format, http://yann.lecun.com/exdb/mnist/): a big-endian header
// [0x00, 0x00, dtype, ndims] + ndims uint32 sizes, then the data. Only dtype 0x08 (unsigned byte)
// is supported. Plain or gzip-compressed (detected from the first bytes; read through zlib).
// The header's sizes are checked against the actual data BEFORE anything is allocated for it:
// plain files against their size, gzip files against the stream's recorded length (ISIZE).
// Every problem is a bp::Error naming the file and what is wrong.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"

namespace bp {

struct IdxArray {
  std::vector<int64_t> dims;  // e.g. (N, 28, 28) for images, (N) for labels
  std::vector<uint8_t> data;  // row-major, product(dims) bytes
};

// expected_rank: 0 accepts 1..4 dimensions; otherwise the file must have exactly that many.
// Gzip files may hold several members (`cat a.gz b.gz`); bytes after the last member other than
// zero padding are refused ("trailing garbage ... from byte N").
IdxArray read_idx(const std::string& path, int expected_rank = 0);
// The same, from the file's bytes already in memory (`path` is only used in messages).
IdxArray parse_idx_bytes(const std::string& bytes, const std::string& path, int expected_rank = 0);
// Refuses a label that is most likely a corrupt byte: one >= known_classes (when > 0), or, when
// the class count is unknown, a label >= 16 above more than half of the classes below it unused.
void check_labels(const IdxArray& labels, const std::string& labels_path, int known_classes);
// Writes a ubyte IDX file, gzip-compressed when `gzip` (for tests and converters).
void write_idx(const std::string& path, const IdxArray& array, bool gzip);

// Images (N, H, W) and labels (N) -> a classification Dataset with sample_shape (1, H, W), pixels
// as floats in [0, 1] and num_classes = largest label + 1. Refuses files whose counts disagree
// and corrupt labels (check_labels; known_classes 0 = unknown).
Dataset read_idx_images_labels(const std::string& images_path, const std::string& labels_path,
                               const std::string& name, int known_classes = 0);

}  // namespace bp
