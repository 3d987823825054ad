#pragma once
// Where bundled data lives at run time. A folder under the data directory ("mnist-digits") is
// looked for, in order, at:
//   1. $BP_DATA_DIR/<name>
//   2. <directory of the executable>/../../datasets/<name>   (build tree: build/bin/<exe>)
//   3. <directory of the executable>/../share/backprop-studio/datasets/<name>   (installed)
//   4. BP_DEFAULT_DATA_DIR/<name>, the source tree's datasets/ (compile-time definition)
#include <string>
#include <vector>

namespace bp {

// The candidate folders in search order (existing or not).
std::vector<std::string> dataset_search_paths(const std::string& name);
// The first candidate that exists; throws bp::Error listing every place it looked.
std::string find_dataset_folder(const std::string& name);

// The IDX file for `stem` ("train-images-idx3-ubyte") in `folder`: tries the stem, the stem with
// ".gz", and the variant spelling with a dot ("train-images.idx3-ubyte"[.gz]). Throws bp::Error
// naming the folder and the names tried.
std::string find_idx_file(const std::string& folder, const std::string& stem);

}  // namespace bp
