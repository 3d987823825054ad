#pragma once
// Python literals for generated scripts (the PyTorch export): strings, float32 values written
// with the fewest digits that read back as the same float, booleans.
#include <string>

namespace bp {

std::string py_string(const std::string& s);  // "text" with \" \\ \n escaped
std::string py_float(double v);  // shortest text that reads back as float(v); inf/nan as floats
std::string py_bool(bool v);     // True / False

}  // namespace bp
