#pragma once
// atomic_write_file: replaces `path` with `contents` so that a reader (or a crash) never sees a
// half-written file. Writes "<path>.tmp-<random>" in the same directory, fsyncs it, renames it
// over `path` and fsyncs the directory. On any failure the temp file is removed, `path` keeps
// its old contents and bp::Error says what failed ("cannot write 'x.json': No space left ...").
#include <string>
#include <string_view>

namespace bp {

void atomic_write_file(const std::string& path, std::string_view contents);

// For tests: the temp-file name prefix used for `path` ("<path>.tmp-").
std::string atomic_temp_prefix(const std::string& path);

}  // namespace bp
