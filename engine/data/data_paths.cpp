#include "engine/data/data_paths.h"

#include <cstdlib>
#include <filesystem>

#include "engine/core/error.h"

namespace bp {
namespace fs = std::filesystem;

std::vector<std::string> dataset_search_paths(const std::string& name) {
  std::vector<std::string> paths;
  if (const char* env = std::getenv("BP_DATA_DIR"); env && *env)
    paths.push_back((fs::path(env) / name).string());
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && !exe.empty()) {
    const fs::path dir = exe.parent_path();
    paths.push_back((dir / ".." / ".." / "datasets" / name).lexically_normal().string());
    paths.push_back(
        (dir / ".." / "share" / "backprop-studio" / "datasets" / name).lexically_normal().string());
  }
#ifdef BP_DEFAULT_DATA_DIR
  paths.push_back((fs::path(BP_DEFAULT_DATA_DIR) / name).string());
#endif
  return paths;
}

std::string find_dataset_folder(const std::string& name) {
  const std::vector<std::string> paths = dataset_search_paths(name);
  std::string looked;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) return p;
    looked += "\n  " + p;
  }
  throw Error("data folder '" + name + "' not found; looked in:" + looked +
              "\nSet BP_DATA_DIR to the folder that contains '" + name + "'.");
}

std::string find_idx_file(const std::string& folder, const std::string& stem) {
  std::string dotted = stem;
  if (const size_t dash = dotted.rfind("-idx"); dash != std::string::npos) dotted[dash] = '.';
  const std::string names[] = {stem, stem + ".gz", dotted, dotted + ".gz"};
  std::string tried;
  for (const auto& n : names) {
    const fs::path p = fs::path(folder) / n;
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p.string();
    tried += (tried.empty() ? "" : ", ") + n;
  }
  throw Error(folder + ": no " + stem + " file (tried " + tried + ")");
}

}  // namespace bp
