#include "ui/report/report_writer.h"

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>
#include <algorithm>
#include <cmath>
#include <functional>

#include "engine/graph/layer_descriptor.h"
#include "engine/graph/shape_inference.h"
#include "ui/report/boundary_painter.h"
#include "ui/report/confusion_plot.h"
#include "ui/report/curve_plot.h"
#include "ui/report/figure_canvas.h"
#include "ui/report/network_diagram.h"

namespace bp::ui {
namespace {

// One figure of the report, as PNG and (where it is vector) SVG.
struct Figure {
  QString name;  // "network", "curves", ...
  QString alt;
  QImage png;
  QByteArray svg;  // empty: PNG only
};

// How an <img> refers to a figure: a data URI (HTML) or a document resource (PDF).
using ImageSource = std::function<QString(const Figure&)>;

QString esc(const QString& s) {
  return s.toHtmlEscaped();
}

QString number(double v) {
  return std::isfinite(v) ? QString::number(v, 'g', 5) : QStringLiteral("not finite");
}

QString percent(double a) {
  return a >= 0.0 ? QString::number(100.0 * a, 'f', 2) + QStringLiteral(" %") : QStringLiteral("—");
}

std::vector<Figure> make_figures(const ReportData& d) {
  const FigureStyle style = print_style();
  std::vector<Figure> figures;
  {
    const QSizeF natural = network_diagram_size(d.project.network, style.font);
    const double fit = std::min({1.0, 1100.0 / natural.width(), 700.0 / natural.height()});
    const QSize size = (natural * fit).toSize().expandedTo(QSize(300, 120));
    auto paint = [&](QPainter& p, const QRectF& r) {
      paint_network(p, r, d.project.network, style);
    };
    figures.push_back({"network", "Network diagram",
                       paint_to_image(size, 2.0, style.background, paint),
                       paint_to_svg(size, "Network", style.background, paint)});
  }
  if (!d.history.empty()) {
    const QSize size(820, 320);
    auto paint = [&](QPainter& p, const QRectF& r) {
      paint_curves(p, r.adjusted(8, 8, -8, -8), d.history, style);
    };
    figures.push_back({"curves", "Training curves",
                       paint_to_image(size, 2.0, style.background, paint),
                       paint_to_svg(size, "Training curves", style.background, paint)});
  }
  if (d.confusion) {
    const int side = std::clamp(120 + 48 * d.confusion->classes, 360, 760);
    auto paint = [&](QPainter& p, const QRectF& r) {
      paint_confusion(p, r.adjusted(8, 8, -8, -8), *d.confusion, style);
    };
    figures.push_back({"confusion",
                       "Confusion matrix",
                       paint_to_image(QSize(side, side), 2.0, style.background, paint),
                       {}});
  }
  if (d.points && d.grid.width > 0) {
    const QImage heat = boundary_heatmap(d.grid, *d.points, false);
    auto paint = [&](QPainter& p, const QRectF& r) {
      paint_boundary(p, r.adjusted(4, 4, -4, -4), heat, *d.points, true, style);
    };
    figures.push_back({"boundary",
                       "Decision boundary",
                       paint_to_image(QSize(560, 560), 2.0, style.background, paint),
                       {}});
  }
  return figures;
}

const Figure* find(const std::vector<Figure>& figures, const QString& name) {
  for (const Figure& f : figures)
    if (f.name == name) return &f;
  return nullptr;
}

// An <img> at most `width` wide and `height` high (and at most its own size), keeping the
// figure's aspect ratio.
QString image_tag(const Figure* f, const ImageSource& source, int width, int height) {
  if (!f) return {};
  const QSizeF logical = QSizeF(f->png.size()) / f->png.devicePixelRatio();
  // Never larger than drawn: figures are made at the size their text reads well.
  const double fit = std::min({1.0, static_cast<double>(width) / logical.width(),
                               static_cast<double>(height) / logical.height()});
  return QStringLiteral("<p><img src=\"%1\" alt=\"%2\" width=\"%3\" height=\"%4\"></p>\n")
      .arg(source(*f), esc(f->alt))
      .arg(std::lround(fit * logical.width()))
      .arg(std::lround(fit * logical.height()));
}

QString table(const KeyValues& rows, const QString& key_title, const QString& value_title) {
  QString html = QStringLiteral(
                     "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><th>%1</th>"
                     "<th>%2</th></tr>\n")
                     .arg(key_title, value_title);
  for (const auto& [k, v] : rows)
    html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>\n").arg(esc(k), esc(v));
  return html + QStringLiteral("</table>\n");
}

QString layers_table(const NetworkSpec& net) {
  const ShapeReport shapes = infer_shapes(net);
  QString html = QStringLiteral(
      "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><th>Layer</th><th>Kind</th>"
      "<th>Output shape (per sample)</th><th>Parameters</th></tr>\n");
  for (int id : net.topological_order()) {
    const NodeSpec* n = net.find(id);
    const LayerDescriptor& d = layer_descriptor(n->kind);
    const auto info = shapes.nodes.find(id);
    const QString shape = info != shapes.nodes.end() && info->second.output
                              ? QString::fromStdString(info->second.output->to_string())
                              : QStringLiteral("—");
    const int64_t params = info != shapes.nodes.end() ? info->second.parameter_count : 0;
    html +=
        QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td align=\"right\">%4</td></tr>\n")
            .arg(esc(QString::fromStdString(n->name)),
                 esc(d.card_summary ? QString::fromStdString(d.card_summary(*n))
                                    : QString::fromLatin1(d.pytorch_name)),
                 esc(shape))
            .arg(params);
  }
  return html + QStringLiteral("</table>\n");
}

QString metrics_table(const ReportData& d) {
  QString html = QStringLiteral(
      "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><th>Split</th><th>Loss</th>"
      "<th>Accuracy</th><th>Samples</th></tr>\n");
  auto row = [&](const QString& split, const Metrics& m) {
    html +=
        QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td align=\"right\">%4</td></tr>\n")
            .arg(split, number(m.loss), percent(m.accuracy))
            .arg(m.samples);
  };
  if (d.train) row(QStringLiteral("train (evaluation mode)"), *d.train);
  if (!d.history.empty() && d.history.back().validation.samples > 0)
    row(QStringLiteral("validation (epoch %1)").arg(d.history.back().epoch),
        d.history.back().validation);
  if (d.test) row(QStringLiteral("test"), *d.test);
  return html + QStringLiteral("</table>\n");
}

QString build_html(const ReportData& d, const std::vector<Figure>& figures,
                   const ImageSource& source, int image_width) {
  const Project& p = d.project;
  const QString name =
      p.name.empty() ? QStringLiteral("Untitled experiment") : QString::fromStdString(p.name);
  QString h;
  h += QStringLiteral(
           "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
           "<title>%1 — experiment report</title>\n<style>\n"
           "body{font-family:'DejaVu Sans',sans-serif;max-width:60em;margin:2em auto;"
           "padding:0 1em;color:#202020}\n"
           "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #bbb;"
           "padding:3px 8px;text-align:left}\nimg{max-width:100%;height:auto}\n"
           "h2{border-bottom:1px solid #ccc;padding-bottom:2px;margin-top:1.5em}\n"
           "</style></head><body>\n")
           .arg(esc(name));
  h += QStringLiteral("<h1>%1</h1>\n").arg(esc(name));
  if (!p.description.empty())
    h += QStringLiteral("<p>%1</p>\n").arg(esc(QString::fromStdString(p.description)));
  h += QStringLiteral("<p><i>Experiment report by Backprop Studio, %1.</i></p>\n")
           .arg(QDateTime::currentDateTime().toString(Qt::ISODate));
  if (!d.trained)
    h += QStringLiteral(
        "<p><b>The project holds no trained weights:</b> the metrics below are those of the "
        "initial weights its seed gives. Train it, then export the report again.</p>\n");

  h += QStringLiteral("<h2 id=\"network\">Network</h2>\n");
  h += image_tag(find(figures, "network"), source, image_width, image_width * 95 / 100);
  h += layers_table(p.network);
  h += QStringLiteral("<p>%1 trainable parameters.</p>\n").arg(d.parameters);

  h += QStringLiteral("<h2 id=\"hyperparameters\">Hyperparameters</h2>\n");
  h += table(d.hyperparameters, QStringLiteral("Setting"), QStringLiteral("Value"));

  h += QStringLiteral("<h2 id=\"dataset\">Dataset</h2>\n");
  h += table(d.dataset, QStringLiteral("Setting"), QStringLiteral("Value"));

  h += QStringLiteral("<h2 id=\"curves\">Curves</h2>\n");
  if (const Figure* f = find(figures, "curves"))
    h += image_tag(f, source, image_width, image_width) +
         QStringLiteral("<p>%1 epochs.</p>\n").arg(d.history.size());
  else
    h += QStringLiteral("<p>No epochs recorded: the project was saved before training.</p>\n");

  h += QStringLiteral("<h2 id=\"metrics\">Final metrics</h2>\n");
  h += metrics_table(d);
  if (p.expected_test_accuracy > 0.0)
    h += QStringLiteral("<p>The project expects a test accuracy of %1.</p>\n")
             .arg(percent(p.expected_test_accuracy));

  h += QStringLiteral("<h2 id=\"confusion\">Confusion matrix</h2>\n");
  if (d.confusion)
    h += image_tag(find(figures, "confusion"), source, std::min(image_width, 520), 520) +
         QStringLiteral(
             "<p>Rows: the true class; columns: the predicted class; %1 samples of "
             "the %2 split.</p>\n")
             .arg(d.confusion->samples)
             .arg(esc(QString::fromStdString(d.confusion->split)));
  else
    h += QStringLiteral("<p>Not a classification task: no confusion matrix.</p>\n");

  if (const Figure* f = find(figures, "boundary")) {
    h += QStringLiteral("<h2 id=\"boundary\">Decision boundary</h2>\n");
    h += image_tag(f, source, std::min(image_width, 460), 460) +
         QStringLiteral("<p>Circles: training points; squares: test points.</p>\n");
  }

  h += QStringLiteral("<h2 id=\"seed\">Seed</h2>\n");
  h += QStringLiteral(
           "<p>Training seed <b>%1</b> (initial weights, shuffling, dropout); dataset seed "
           "<b>%2</b> (generation and split). The same project, seeds and thread count train to "
           "the same weights: <code>backprop train PROJECT.json --out DIR</code>.</p>\n")
           .arg(p.training.seed)
           .arg(p.dataset.seed);
  h += QStringLiteral("</body></html>\n");
  return h;
}

bool save(const QString& path, const QByteArray& bytes, QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) *error = QObject::tr("Could not write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace

std::optional<ReportFormat> report_format_for(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) return ReportFormat::Html;
  if (suffix == QLatin1String("pdf")) return ReportFormat::Pdf;
  return std::nullopt;
}

QString report_html(const ReportData& data) {
  const std::vector<Figure> figures = make_figures(data);
  return build_html(
      data, figures,
      [](const Figure& f) {
        if (!f.svg.isEmpty())
          return QStringLiteral("data:image/svg+xml;base64,") +
                 QString::fromLatin1(f.svg.toBase64());
        return QStringLiteral("data:image/png;base64,") +
               QString::fromLatin1(png_bytes(f.png).toBase64());
      },
      900);
}

bool write_report(const ReportData& data, const QString& path, ReportFormat format,
                  QString* error) {
  if (format == ReportFormat::Html) return save(path, report_html(data).toUtf8(), error);
  const std::vector<Figure> figures = make_figures(data);
  QTextDocument doc;
  doc.setDefaultFont(print_style().font);
  for (const Figure& f : figures)
    doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("fig:") + f.name), f.png);
  doc.setHtml(build_html(
      data, figures, [](const Figure& f) { return QStringLiteral("fig:") + f.name; }, 640));
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  {
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(96);
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(QString::fromStdString(data.project.name));
    writer.setCreator(QStringLiteral("Backprop Studio"));
    doc.setPageSize(writer.pageLayout().paintRectPixels(96).size());
    doc.print(&writer);
  }
  buffer.close();
  if (bytes.isEmpty()) {
    if (error) *error = QObject::tr("Could not render the report as PDF.");
    return false;
  }
  return save(path, bytes, error);
}

}  // namespace bp::ui
