#include "ui/report/gif_encoder.h"

#include <algorithm>
#include <array>
#include <utility>

namespace bp::ui {
namespace {

constexpr int kMaxCodes = 4096;  // GIF's 12-bit code limit

uint16_t to_555(QRgb c) {
  return static_cast<uint16_t>(((qRed(c) >> 3) << 10) | ((qGreen(c) >> 3) << 5) | (qBlue(c) >> 3));
}

QRgb from_555(uint16_t v) {
  auto level = [](int five) { return (five << 3) | (five >> 2); };
  return qRgb(level((v >> 10) & 31), level((v >> 5) & 31), level(v & 31));
}

// Bits written least significant first, as GIF packs its codes.
class BitWriter {
 public:
  void put(int code, int bits) {
    acc_ |= static_cast<uint32_t>(code) << used_;
    used_ += bits;
    while (used_ >= 8) {
      out_.append(static_cast<char>(acc_ & 0xFF));
      acc_ >>= 8;
      used_ -= 8;
    }
  }
  QByteArray finish() {
    if (used_ > 0) out_.append(static_cast<char>(acc_ & 0xFF));
    acc_ = 0;
    used_ = 0;
    return std::exchange(out_, {});
  }

 private:
  QByteArray out_;
  uint32_t acc_ = 0;
  int used_ = 0;
};

void put_u16(QByteArray& out, int v) {
  out.append(static_cast<char>(v & 0xFF));
  out.append(static_cast<char>((v >> 8) & 0xFF));
}

// The most frequent colours (at most 256) of every frame, and for each 15-bit colour the index
// of the nearest palette entry.
struct Palette {
  std::vector<QRgb> colors;
  std::vector<uint8_t> index_of;  // (32768)
};

Palette choose_palette(const std::vector<std::vector<uint16_t>>& frames) {
  std::vector<int64_t> count(32768, 0);
  for (const auto& f : frames)
    for (uint16_t v : f) ++count[v];
  std::vector<int> used;
  for (int v = 0; v < 32768; ++v)
    if (count[v] > 0) used.push_back(v);
  std::stable_sort(used.begin(), used.end(), [&](int a, int b) { return count[a] > count[b]; });
  if (used.size() > 256) used.resize(256);
  if (used.empty()) used.push_back(0);
  Palette p;
  for (int v : used) p.colors.push_back(from_555(static_cast<uint16_t>(v)));
  p.index_of.assign(32768, 0);
  for (int v = 0; v < 32768; ++v) {
    if (count[v] == 0) continue;
    const QRgb c = from_555(static_cast<uint16_t>(v));
    int best = 0;
    int best_d = 1 << 30;
    for (size_t i = 0; i < p.colors.size(); ++i) {
      const int dr = qRed(c) - qRed(p.colors[i]), dg = qGreen(c) - qGreen(p.colors[i]),
                db = qBlue(c) - qBlue(p.colors[i]);
      const int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      if (d < best_d) {
        best_d = d;
        best = static_cast<int>(i);
      }
    }
    p.index_of[static_cast<size_t>(v)] = static_cast<uint8_t>(best);
  }
  return p;
}

}  // namespace

QByteArray gif_lzw_encode(const std::vector<uint8_t>& indices, int min_code_size) {
  const int clear = 1 << min_code_size;
  const int end = clear + 1;
  const int alphabet = clear;
  // children[code * alphabet + symbol]: the code of string(code) + symbol, or -1.
  std::vector<int16_t> children(static_cast<size_t>(kMaxCodes) * static_cast<size_t>(alphabet), -1);
  std::vector<size_t> filled;
  int code_size = min_code_size + 1;
  int next = clear + 2;
  BitWriter bits;
  bits.put(clear, code_size);
  if (indices.empty()) {
    bits.put(end, code_size);
    return bits.finish();
  }
  int prefix = indices[0];
  for (size_t i = 1; i < indices.size(); ++i) {
    const int k = indices[i];
    const size_t key =
        static_cast<size_t>(prefix) * static_cast<size_t>(alphabet) + static_cast<size_t>(k);
    if (children[key] >= 0) {
      prefix = children[key];
      continue;
    }
    bits.put(prefix, code_size);
    if (next < kMaxCodes) {
      // The decoder's table grows one entry behind the encoder's: widen the codes when the
      // next entry would not fit the current width.
      if (next == (1 << code_size)) ++code_size;
      children[key] = static_cast<int16_t>(next++);
      filled.push_back(key);
    } else {
      bits.put(clear, code_size);
      for (size_t f : filled) children[f] = -1;
      filled.clear();
      code_size = min_code_size + 1;
      next = clear + 2;
    }
    prefix = k;
  }
  bits.put(prefix, code_size);
  bits.put(end, code_size);
  return bits.finish();
}

GifEncoder::GifEncoder(QSize size, int delay_cs)
    : size_(size.expandedTo(QSize(1, 1))), delay_cs_(std::clamp(delay_cs, 1, 65535)) {}

void GifEncoder::addFrame(const QImage& frame, int delay_cs) {
  delays_.push_back(delay_cs < 0 ? delay_cs_ : std::clamp(delay_cs, 1, 65535));
  QImage img = frame.size() == size_
                   ? frame
                   : frame.scaled(size_, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  img = img.convertToFormat(QImage::Format_RGB32);
  std::vector<uint16_t> pixels;
  pixels.reserve(static_cast<size_t>(size_.width()) * static_cast<size_t>(size_.height()));
  for (int y = 0; y < img.height(); ++y) {
    const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
    for (int x = 0; x < img.width(); ++x) pixels.push_back(to_555(line[x]));
  }
  frames_.push_back(std::move(pixels));
}

QByteArray GifEncoder::finish() {
  const Palette palette = choose_palette(frames_);
  QByteArray out("GIF89a");
  put_u16(out, size_.width());
  put_u16(out, size_.height());
  // Global colour table of 256 entries (size field 7: 2^(7+1)), 8 bits per primary.
  out.append(static_cast<char>(0xF7));
  out.append('\0');  // background colour index
  out.append('\0');  // pixel aspect ratio: not given
  for (int i = 0; i < 256; ++i) {
    const QRgb c = i < static_cast<int>(palette.colors.size())
                       ? palette.colors[static_cast<size_t>(i)]
                       : qRgb(0, 0, 0);
    out.append(static_cast<char>(qRed(c)));
    out.append(static_cast<char>(qGreen(c)));
    out.append(static_cast<char>(qBlue(c)));
  }
  // NETSCAPE2.0 application extension: loop forever.
  out.append("\x21\xFF\x0BNETSCAPE2.0\x03\x01", 16);
  put_u16(out, 0);
  out.append('\0');
  std::vector<uint8_t> indices;
  for (size_t f = 0; f < frames_.size(); ++f) {
    const std::vector<uint16_t>& frame = frames_[f];
    // Graphic control extension: the frame's delay; each frame replaces the last (disposal 1).
    out.append("\x21\xF9\x04\x04", 4);
    put_u16(out, delays_[f]);
    out.append('\0');  // transparent colour index (unused)
    out.append('\0');
    // Image descriptor: the whole canvas, no local colour table, not interlaced.
    out.append(',');
    put_u16(out, 0);
    put_u16(out, 0);
    put_u16(out, size_.width());
    put_u16(out, size_.height());
    out.append('\0');
    indices.resize(frame.size());
    for (size_t i = 0; i < frame.size(); ++i) indices[i] = palette.index_of[frame[i]];
    out.append('\x08');  // LZW minimum code size
    const QByteArray data = gif_lzw_encode(indices, 8);
    for (qsizetype at = 0; at < data.size(); at += 255) {
      const qsizetype n = std::min<qsizetype>(255, data.size() - at);
      out.append(static_cast<char>(n));
      out.append(data.constData() + at, n);
    }
    out.append('\0');  // block terminator
  }
  out.append(';');  // trailer
  frames_.clear();
  delays_.clear();
  return out;
}

}  // namespace bp::ui
