#pragma once
// The experiment report for a lab hand-in: a self-contained HTML page (every image inline as a
// base64 PNG or SVG) or a PDF (Qt's QTextDocument printed through QPdfWriter), with the sections
// of kReportSections: the network diagram, hyperparameters, dataset, curves, final metrics,
// confusion matrix (classification), decision boundary (2-D data) and the seeds. Needs a
// QGuiApplication (fonts); the CLI runs it on the offscreen platform.
#include <QString>
#include <array>
#include <optional>

#include "ui/report/report_data.h"

namespace bp::ui {

enum class ReportFormat { Html, Pdf };

// The section ids (HTML `id` attributes) every report has, in order.
inline constexpr std::array<const char*, 7> kReportSections = {
    "network", "hyperparameters", "dataset", "curves", "metrics", "confusion", "seed"};

// .html/.htm -> Html, .pdf -> Pdf, else none.
std::optional<ReportFormat> report_format_for(const QString& path);

// The self-contained HTML page.
QString report_html(const ReportData& data);

// Writes the report atomically. Returns false and sets *error (naming the file) on failure.
bool write_report(const ReportData& data, const QString& path, ReportFormat format, QString* error);

}  // namespace bp::ui
