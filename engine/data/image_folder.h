#pragma once
// The user's own images: a folder with one subfolder per class, the layout
// torchvision.datasets.ImageFolder reads:
//
//   root/cat/001.png   root/cat/more/002.jpg   root/dog/a.bmp   ...
//
// Classes are the subfolders' names, sorted by their bytes (Python's sorted() on the names, as
// ImageFolder sorts them); class k is the k-th name. A class's images are the files under its
// folder (subfolders included) whose names end in .png, .jpg, .jpeg or .bmp (any letter case),
// in sorted path order. Other files are ignored. Decoding is stb_image (Debian's libstb-dev):
// pixels are 8-bit values / 255, so [0, 1], as IDX images.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/data/dataset_spec.h"

namespace bp {

struct ImageFolderIndex {
  std::string root;
  std::vector<std::string> class_names;  // sorted subfolder names
  struct Entry {
    std::string file;  // full path
    int label = 0;     // index into class_names
  };
  std::vector<Entry> images;       // class by class, each in sorted path order
  std::vector<int64_t> per_class;  // (classes): image count of each class
};

// Lists the classes and images. Throws bp::Error when root is not a folder, has no class
// subfolders, or a class folder holds no image (naming the class and the extensions looked for).
ImageFolderIndex scan_image_folder(const std::string& root);

// One decoded image, (channels, height, width) floats in [0, 1]. channels: 3 for ImageColor::Rgb
// (alpha dropped; a gray file repeated into R, G, B), 1 for ImageColor::Gray (a colour file
// weighted 0.299 R + 0.587 G + 0.114 B; a gray file exactly as stored).
struct DecodedImage {
  int channels = 0, height = 0, width = 0;
  std::vector<float> pixels;  // (channels, height, width)
};
// Throws bp::Error naming the file and why it cannot be read (stb_image's reason).
DecodedImage decode_image(const std::string& file, ImageColor color);

// Every image of the folder as one data set: sample_shape (C, size, size) with C = 3 (Rgb) or 1
// (Gray), each image resized alone with `mode` (non-square images are stretched, as
// torchvision's Resize((size, size))). size 0 keeps the native size, which then must be the same
// for every image (otherwise a bp::Error names the first file that differs and suggests a size).
Dataset read_image_folder(const ImageFolderIndex& index, ImageColor color, int size,
                          ImageResize mode);

// "3 classes (circle 8, square 8, triangle 8), 24 images": for `backprop info` and the panel.
std::string describe_image_folder(const ImageFolderIndex& index);

}  // namespace bp
