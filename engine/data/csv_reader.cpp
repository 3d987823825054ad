#include "engine/data/csv_reader.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/core/error.h"

namespace bp {
namespace {

constexpr int kMaxClasses = 1000;

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Splits one line into cells; throws on an unterminated quote.
std::vector<std::string> split_line(const std::string& line, char delimiter,
                                    const std::string& path, int line_no) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += ch;
      }
    } else if (ch == '"' && trim(cell).empty()) {
      quoted = true;
      was_quoted = true;
      cell.clear();
    } else if (ch == delimiter) {
      cells.push_back(was_quoted ? cell : trim(cell));
      cell.clear();
      was_quoted = false;
    } else {
      cell += ch;
    }
  }
  if (quoted)
    throw Error(path + " line " + std::to_string(line_no) + ": a quoted cell is not closed");
  cells.push_back(was_quoted ? cell : trim(cell));
  return cells;
}

// The header's delimiter: ',' unless the header has none of those outside quotes but has ';' or
// tabs (spreadsheets in many locales write ';').
char detect_delimiter(const std::string& header) {
  int counts[3] = {0, 0, 0};
  bool quoted = false;
  for (const char ch : header) {
    if (ch == '"') quoted = !quoted;
    if (quoted) continue;
    counts[0] += ch == ',';
    counts[1] += ch == ';';
    counts[2] += ch == '\t';
  }
  if (counts[0] > 0) return ',';
  if (counts[1] >= counts[2] && counts[1] > 0) return ';';
  return counts[2] > 0 ? '\t' : ',';
}

bool is_blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

std::string where(const std::string& path, int line, size_t column, const std::string& name) {
  return path + " line " + std::to_string(line) + ", column " + std::to_string(column + 1) + " ('" +
         name + "')";
}

float parse_number(const std::string& cell, const std::string& path, int line, size_t column,
                   const std::string& name) {
  if (cell.empty()) throw Error(where(path, line, column, name) + ": the cell is empty");
  const char* first = cell.data();
  const char* last = cell.data() + cell.size();
  if (*first == '+') ++first;  // from_chars does not take a leading '+'
  float value = 0.0f;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::result_out_of_range)
    throw Error(where(path, line, column, name) + ": '" + cell + "' is out of range for a float");
  if (ec != std::errc() || ptr != last)
    throw Error(where(path, line, column, name) + ": '" + cell + "' is not a number");
  if (!std::isfinite(value))
    throw Error(where(path, line, column, name) + ": '" + cell + "' is not a finite number");
  return value;
}

std::string file_name(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

}  // namespace

CsvTable parse_csv_text(const std::string& text, const std::string& path) {
  CsvTable table;
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  bool have_header = false;
  char delimiter = ',';
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
      line.erase(0, 3);  // UTF-8 byte-order mark
    if (is_blank(line)) continue;
    if (!have_header) delimiter = detect_delimiter(line);
    std::vector<std::string> cells = split_line(line, delimiter, path, line_no);
    if (!have_header) {
      for (size_t c = 0; c < cells.size(); ++c)
        if (cells[c].empty())
          throw Error(path + " line " + std::to_string(line_no) + ", column " +
                      std::to_string(c + 1) + ": the header row has an empty column name");
      table.header = std::move(cells);
      have_header = true;
      continue;
    }
    if (cells.size() != table.header.size())
      throw Error(path + " line " + std::to_string(line_no) + ": " + std::to_string(cells.size()) +
                  " cells, but the header has " + std::to_string(table.header.size()) +
                  " columns (ragged row)");
    table.rows.push_back(std::move(cells));
    table.line_numbers.push_back(line_no);
  }
  if (!have_header) throw Error(path + ": the file is empty (expected a header row and data rows)");
  if (table.rows.empty()) throw Error(path + ": the file has a header row but no data rows");
  return table;
}

CsvTable read_csv_table(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open the file (does it exist and is it readable?)");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_csv_text(ss.str(), path);
}

Dataset read_csv_dataset(const std::string& path, const std::string& label_column, TaskKind task) {
  return csv_table_to_dataset(read_csv_table(path), path, label_column, task);
}

Dataset read_csv_dataset(const std::string& path, const std::vector<std::string>& target_columns,
                         TaskKind task) {
  return csv_table_to_dataset(read_csv_table(path), path, target_columns, task);
}

Dataset csv_table_to_dataset(const CsvTable& table, const std::string& path,
                             const std::string& label_column, TaskKind task) {
  std::vector<std::string> targets;
  if (!label_column.empty()) targets.push_back(label_column);
  return csv_table_to_dataset(table, path, targets, task);
}

namespace {

// Column indices of the target names (the last column when `names` is empty).
std::vector<size_t> target_indices(const CsvTable& table, const std::string& path,
                                   const std::vector<std::string>& names) {
  const size_t cols = table.header.size();
  if (names.empty()) return {cols - 1};
  std::vector<size_t> out;
  for (const auto& name : names) {
    size_t found = cols;
    for (size_t c = 0; c < cols; ++c)
      if (table.header[c] == name) found = c;
    if (found == cols) {
      std::string all;
      for (const auto& h : table.header) all += (all.empty() ? "'" : ", '") + h + "'";
      throw Error(path + ": no column named '" + name + "' (columns: " + all + ")");
    }
    for (size_t prev : out)
      if (prev == found) throw Error(path + ": the target column '" + name + "' is named twice");
    out.push_back(found);
  }
  if (out.size() >= cols)
    throw Error(path + ": all " + std::to_string(cols) +
                " columns are targets; at least one feature column must remain");
  return out;
}

}  // namespace

Dataset csv_table_to_dataset(const CsvTable& table, const std::string& path,
                             const std::vector<std::string>& target_columns, TaskKind task) {
  const size_t cols = table.header.size();
  if (cols < 2)
    throw Error(path + ": needs at least two columns (features and a label), found " +
                std::to_string(cols));
  if (task == TaskKind::Classification && target_columns.size() > 1)
    throw Error(path + ": " + std::to_string(target_columns.size()) +
                " target columns need \"task\": \"regression\" (a classification data set has "
                "one label column)");
  const std::vector<size_t> targets = target_indices(table, path, target_columns);
  std::vector<bool> is_target(cols, false);
  for (size_t t : targets) is_target[t] = true;

  Dataset ds;
  ds.name = file_name(path);
  ds.task = task;
  const size_t k = targets.size();
  const size_t d = cols - k;
  ds.sample_shape = Shape{static_cast<int64_t>(d)};
  ds.target_dim = static_cast<int>(k);
  for (size_t c = 0; c < cols; ++c)
    if (!is_target[c]) ds.feature_names.push_back(table.header[c]);
  const size_t n = table.rows.size();
  ds.features.reserve(n * d);
  ds.targets.reserve(n * k);
  std::map<std::string, int> class_of;
  for (size_t r = 0; r < n; ++r) {
    const auto& row = table.rows[r];
    const int line = table.line_numbers[r];
    for (size_t c = 0; c < cols; ++c)
      if (!is_target[c])
        ds.features.push_back(parse_number(row[c], path, line, c, table.header[c]));
    if (task == TaskKind::Regression) {
      for (size_t t : targets)
        ds.targets.push_back(parse_number(row[t], path, line, t, table.header[t]));
      continue;
    }
    const size_t label = targets[0];
    const std::string& cell = row[label];
    if (cell.empty())
      throw Error(where(path, line, label, table.header[label]) + ": the label is empty");
    auto [it, inserted] = class_of.emplace(cell, static_cast<int>(ds.class_names.size()));
    if (inserted) {
      ds.class_names.push_back(cell);
      if (static_cast<int>(ds.class_names.size()) > kMaxClasses)
        throw Error(path + ": the label column '" + table.header[label] + "' has more than " +
                    std::to_string(kMaxClasses) +
                    " distinct values; for a numeric target choose regression");
    }
    ds.targets.push_back(static_cast<float>(it->second));
  }
  ds.num_classes = task == TaskKind::Classification ? static_cast<int>(ds.class_names.size()) : 0;
  return ds;
}

}  // namespace bp
