#include "engine/data/image_folder.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "engine/core/error.h"
#include "engine/data/image_folder_decode.h"
#include "engine/data/image_ops.h"

namespace bp {
namespace fs = std::filesystem;
namespace {

constexpr const char* kExtensions = ".png, .jpg, .jpeg or .bmp";

bool is_image_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp";
}

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// torchvision's make_dataset order: sorted(os.walk(class_dir)) -> folders by path string, then
// sorted file names inside each folder.
std::vector<std::string> class_images(const fs::path& class_dir) {
  std::map<std::string, std::vector<std::string>> by_folder;  // folder path -> file names
  std::error_code ec;
  by_folder[class_dir.string()];
  for (fs::recursive_directory_iterator
           it(class_dir, fs::directory_options::follow_directory_symlink, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (is_hidden(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && is_image_file(it->path()))
      by_folder[it->path().parent_path().string()].push_back(it->path().filename().string());
  }
  if (ec) throw Error(class_dir.string() + ": cannot list the folder: " + ec.message());
  std::vector<std::string> files;
  for (auto& [folder, names] : by_folder) {
    std::sort(names.begin(), names.end());
    for (const auto& n : names) files.push_back((fs::path(folder) / n).string());
  }
  return files;
}

}  // namespace

ImageFolderIndex scan_image_folder(const std::string& root) {
  std::error_code ec;
  if (root.empty()) throw Error("image folder: no folder chosen (set the data set's path)");
  if (!fs::is_directory(root, ec))
    throw Error(root +
                ": the image folder does not exist (expected a folder with one subfolder "
                "per class)");
  ImageFolderIndex index;
  index.root = root;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    if (!is_hidden(it->path()) && it->is_directory(ec))
      index.class_names.push_back(it->path().filename().string());
  if (ec) throw Error(root + ": cannot list the folder: " + ec.message());
  if (index.class_names.empty())
    throw Error(root +
                ": no class folders: put the images in one subfolder per class "
                "(e.g. " +
                root + "/cats/1.png, " + root + "/dogs/1.jpg)");
  std::sort(index.class_names.begin(), index.class_names.end());
  for (size_t k = 0; k < index.class_names.size(); ++k) {
    const fs::path dir = fs::path(root) / index.class_names[k];
    const std::vector<std::string> files = class_images(dir);
    if (files.empty())
      throw Error(dir.string() + ": the class '" + index.class_names[k] + "' has no images (" +
                  kExtensions + "): add images or remove the folder");
    for (const auto& f : files) index.images.push_back({f, static_cast<int>(k)});
    index.per_class.push_back(static_cast<int64_t>(files.size()));
  }
  return index;
}

DecodedImage decode_image(const std::string& file, ImageColor color) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(file + ": cannot open the image: " + std::strerror(errno));
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(file + ": cannot read the image");
  const RawImage raw = decode_image_bytes(bytes);  // (height, width, stored) uint8
  if (!raw.error.empty())
    throw Error(file + ": not a readable PNG, JPEG or BMP image (" + raw.error +
                "): remove it from the folder or save it again in one of those formats");
  DecodedImage img;
  img.height = raw.height;
  img.width = raw.width;
  const int64_t plane = static_cast<int64_t>(raw.height) * raw.width;
  const int stored = raw.channels;  // 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA
  const bool colour_file = stored >= 3;
  constexpr float kScale = 1.0f / 255.0f;
  auto at = [&](int64_t p, int c) { return static_cast<float>(raw.pixels[p * stored + c]); };
  if (color == ImageColor::Gray) {
    img.channels = 1;
    img.pixels.resize(static_cast<size_t>(plane));
    for (int64_t p = 0; p < plane; ++p)
      img.pixels[p] = colour_file
                          ? (0.299f * at(p, 0) + 0.587f * at(p, 1) + 0.114f * at(p, 2)) * kScale
                          : at(p, 0) * kScale;
  } else {
    img.channels = 3;
    img.pixels.resize(static_cast<size_t>(3 * plane));
    for (int c = 0; c < 3; ++c)
      for (int64_t p = 0; p < plane; ++p)
        img.pixels[c * plane + p] = at(p, colour_file ? c : 0) * kScale;
  }
  return img;
}

Dataset read_image_folder(const ImageFolderIndex& index, ImageColor color, int size,
                          ImageResize mode) {
  if (size < 0)
    throw Error("image folder: the size must be 0 (native) or at least 1, got " +
                std::to_string(size));
  Dataset ds;
  ds.name = fs::path(index.root).filename().string();
  if (ds.name.empty()) ds.name = fs::path(index.root).parent_path().filename().string();
  ds.task = TaskKind::Classification;
  ds.num_classes = static_cast<int>(index.class_names.size());
  ds.class_names = index.class_names;
  const int64_t channels = color == ImageColor::Gray ? 1 : 3;
  int64_t out_h = size, out_w = size;
  std::vector<float> resized;
  for (size_t i = 0; i < index.images.size(); ++i) {
    const auto& entry = index.images[i];
    const DecodedImage img = decode_image(entry.file, color);
    if (size == 0) {
      if (i == 0) {
        out_h = img.height;
        out_w = img.width;
      } else if (img.height != out_h || img.width != out_w) {
        throw Error(entry.file + " is " + std::to_string(img.width) + "x" +
                    std::to_string(img.height) + " pixels but " + index.images[0].file + " is " +
                    std::to_string(out_w) + "x" + std::to_string(out_h) +
                    ": images of different sizes need a common size; set the data set's resize "
                    "(e.g. 32)");
      }
    }
    if (i == 0) {
      ds.sample_shape = Shape{channels, out_h, out_w};
      ds.features.reserve(static_cast<size_t>(index.images.size()) *
                          static_cast<size_t>(channels * out_h * out_w));
    }
    if (img.height == out_h && img.width == out_w) {
      ds.features.insert(ds.features.end(), img.pixels.begin(), img.pixels.end());
    } else {
      const bool shrink = out_h <= img.height && out_w <= img.width;
      const ResizeMode m = mode == ImageResize::Area       ? ResizeMode::Area
                           : mode == ImageResize::Bilinear ? ResizeMode::Bilinear
                           : shrink                        ? ResizeMode::Area
                                                           : ResizeMode::Bilinear;
      resized.resize(static_cast<size_t>(channels * out_h * out_w));
      resize_images(img.pixels.data(), 1, ImageSize{channels, img.height, img.width},
                    resized.data(), out_h, out_w, m);
      ds.features.insert(ds.features.end(), resized.begin(), resized.end());
    }
    ds.targets.push_back(static_cast<float>(entry.label));
  }
  if (index.images.empty()) ds.sample_shape = Shape{channels, out_h, out_w};
  return ds;
}

std::string describe_image_folder(const ImageFolderIndex& index) {
  std::string text = std::to_string(index.class_names.size()) + " classes (";
  for (size_t k = 0; k < index.class_names.size(); ++k)
    text += (k ? ", " : "") + index.class_names[k] + " " + std::to_string(index.per_class[k]);
  return text + "), " + std::to_string(index.images.size()) + " images";
}

}  // namespace bp
