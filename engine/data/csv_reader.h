#pragma once
// CSV import: a header row, then one sample per row, comma-separated (or ';' / tab when the header
// has no comma; double quotes allowed around a cell, "" inside quotes for a quote; CRLF line ends;
// blank lines skipped; numbers use '.' as the decimal point).
// Features are every column except the label column and must be numbers. The label column is
// chosen by name (or the last column when the name is empty).
//  - classification: labels may be strings or integers; class indices follow the order of first
//    appearance, and class_names holds the original spellings;
//  - regression: the label column must be numeric; targets are (N, 1), or (N, K) for K target
//    columns (DatasetSpec::target_columns).
// Every problem is a bp::Error naming the file, the line and the column:
//   "data.csv line 12, column 3 ('petal_width'): 'abc' is not a number".
#include <string>
#include <vector>

#include "engine/data/dataset.h"

namespace bp {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> line_numbers;  // 1-based file line of each row (for messages)
};

// Parses a whole file; refuses a missing/empty file, a missing header and ragged rows.
CsvTable read_csv_table(const std::string& path);
// The same, from text already in memory (`path` is only used in messages).
CsvTable parse_csv_text(const std::string& text, const std::string& path);

// Builds a Dataset (sample_shape (D), feature_names from the header, name = the file's name).
Dataset read_csv_dataset(const std::string& path, const std::string& label_column, TaskKind task);
Dataset csv_table_to_dataset(const CsvTable& table, const std::string& path,
                             const std::string& label_column, TaskKind task);
// Several target columns (regression only): targets are (N, K) in the order of `target_columns`,
// features are the remaining columns in file order. Empty `target_columns`: the last column.
Dataset read_csv_dataset(const std::string& path, const std::vector<std::string>& target_columns,
                         TaskKind task);
Dataset csv_table_to_dataset(const CsvTable& table, const std::string& path,
                             const std::vector<std::string>& target_columns, TaskKind task);

}  // namespace bp
