#pragma once
// GifEncoder: an animated GIF89a writer (LZW-compressed, one global 256-colour palette, looping
// forever), written here so the studio and the CLI need no image library. The palette is chosen
// from the colours of every frame (the most frequent 15-bit colours, each pixel mapped to the
// nearest entry), so a decision boundary's soft tints survive; frames are kept as 15-bit colours
// until finish(). Format: https://www.w3.org/Graphics/GIF/spec-gif89a.txt
#include <QByteArray>
#include <QImage>
#include <QSize>
#include <cstdint>
#include <vector>

namespace bp::ui {

class GifEncoder {
 public:
  // `size`: every frame's size in pixels (frames of another size are scaled to it);
  // `delay_cs`: the time each frame shows, in hundredths of a second.
  GifEncoder(QSize size, int delay_cs);

  // `delay_cs` < 0: the encoder's delay.
  void addFrame(const QImage& frame, int delay_cs = -1);
  int frameCount() const { return static_cast<int>(frames_.size()); }
  // The whole file. The encoder can be finished only once; it is empty afterwards.
  QByteArray finish();

 private:
  QSize size_;
  int delay_cs_;
  std::vector<std::vector<uint16_t>> frames_;  // (frames, height * width) 15-bit RGB555
  std::vector<int> delays_;                    // (frames) hundredths of a second
};

// The LZW code stream of GIF for `indices` (each < 2^min_code_size), packed least significant
// bit first, without the sub-block framing: what a GIF image's data blocks carry. Exposed for
// the encoder's tests.
QByteArray gif_lzw_encode(const std::vector<uint8_t>& indices, int min_code_size);

}  // namespace bp::ui
