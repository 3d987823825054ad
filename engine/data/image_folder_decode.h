#pragma once
// Image decoding (PNG, JPEG, BMP) with stb_image from Debian's libstb-dev, compiled into this
// one file so the engine needs no image library at run time.
#include <string>
#include <vector>

namespace bp {

struct RawImage {
  int height = 0, width = 0;
  int channels = 0;                   // as stored: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA
  std::vector<unsigned char> pixels;  // (height, width, channels), 8 bits each
  std::string error;                  // non-empty when the bytes are not a readable image
};

// bytes: a whole PNG, JPEG or BMP file. Never throws for bad data: sets `error` instead.
RawImage decode_image_bytes(const std::vector<unsigned char>& bytes);

}  // namespace bp
