#pragma once
// The painted content of FeatureMapView (see feature_map_view.h): lays out the sample strip,
// the layer rows and the kernel grids for the current width, and paints them from images made
// once per snapshot.
#include <QImage>
#include <QRect>
#include <QString>
#include <QWidget>
#include <memory>
#include <vector>

#include "ui/training/training_snapshot.h"

namespace bp::ui {

class FeatureMapCanvas : public QWidget {
  Q_OBJECT
 public:
  explicit FeatureMapCanvas(QWidget* parent = nullptr);

  void setMaps(std::shared_ptr<const FeatureMaps> maps);
  void selectSample(int index);
  int selectedSample() const { return selected_; }
  int mapTileCount() const { return map_tiles_; }
  int kernelTileCount() const { return kernel_tiles_; }
  bool showsSaliency() const { return shows_saliency_; }
  QString predictionText() const;

  QSize sizeHint() const override;
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;

 protected:
  void paintEvent(QPaintEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  bool event(QEvent* e) override;  // tooltips
  void resizeEvent(QResizeEvent* e) override;

 private:
  enum class TileKind { Map, Kernel, Input, Saliency };
  struct Tile {
    QRect rect;
    QImage image;
    QString tip;
    TileKind kind = TileKind::Map;
  };
  struct Caption {
    QPoint pos;
    QString text;
    bool bold = false;
  };
  void rebuild();   // sample images and layout for the current maps and sample
  void relayout();  // tiles and captions for the current width
  int layout(int width, std::vector<Tile>* tiles, std::vector<Caption>* captions,
             std::vector<QRect>* strip) const;

  std::shared_ptr<const FeatureMaps> maps_;
  int selected_ = 0;
  std::vector<QImage> strip_images_;  // the samples
  std::vector<QRect> strip_rects_;
  std::vector<Tile> tiles_;
  std::vector<Caption> captions_;
  int map_tiles_ = 0, kernel_tiles_ = 0;
  bool shows_saliency_ = false;
  int content_height_ = 120;
};

}  // namespace bp::ui
