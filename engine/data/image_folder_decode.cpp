#include "engine/data/image_folder_decode.h"

#include <climits>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_BMP
#define STBI_NO_STDIO
#define STBI_FAILURE_USERMSG
#include <stb/stb_image.h>

namespace bp {

RawImage decode_image_bytes(const std::vector<unsigned char>& bytes) {
  RawImage out;
  if (bytes.empty()) {
    out.error = "the file is empty";
    return out;
  }
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    out.error = "the file is larger than 2 GB";
    return out;
  }
  int w = 0, h = 0, n = 0;
  stbi_uc* data =
      stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &n, 0);
  if (!data) {
    const char* reason = stbi_failure_reason();
    out.error = reason ? reason : "unknown format";
    return out;
  }
  out.width = w;
  out.height = h;
  out.channels = n;
  out.pixels.assign(data, data + static_cast<size_t>(w) * static_cast<size_t>(h) * n);
  stbi_image_free(data);
  return out;
}

}  // namespace bp
