// The inspector's fields: one row per parameter of the node kind's descriptor, and the compound
// editors (combo boxes of enums, the initializer).
#include <QComboBox>
#include <QSignalBlocker>

#include "engine/graph/layer_descriptor.h"
#include "engine/graph/names.h"
#include "ui/editor/inspector.h"

namespace bp::ui {
namespace {

// (name, enum value) for every value of an enum with a names table.
template <class E>
std::vector<std::pair<QString, int>> choices(const std::vector<E>& values) {
  std::vector<std::pair<QString, int>> out;
  for (E e : values) out.emplace_back(QString::fromStdString(to_string(e)), static_cast<int>(e));
  return out;
}

template <class E>
double as_d(E e) {
  return static_cast<double>(static_cast<int>(e));
}

template <class E>
E as_e(double v) {
  return static_cast<E>(static_cast<int>(v));
}

Inspector::Visible visible_of(const ParamSchema& s) {
  if (!s.relevant) return {};
  return [relevant = s.relevant](const LayerParams& p) { return relevant(p); };
}

}  // namespace

void Inspector::addCombo(const QString& label, const QString& tip,
                         const std::vector<std::pair<QString, int>>& items, Getter get, Setter set,
                         Visible visible) {
  auto* combo = new QComboBox(this);
  for (const auto& [text, value] : items) combo->addItem(text, value);
  const int key = next_key_++;
  connect(combo, &QComboBox::currentIndexChanged, this, [=, this](int i) {
    if (!node() || i < 0) return;
    const int value = combo->itemData(i).toInt();
    apply([&](LayerParams& p) { set(p, value); }, label, key);
    refreshValues();  // dependent rows appear or disappear
  });
  refreshers_.push_back([combo, get = std::move(get)](const LayerParams& p) {
    QSignalBlocker block(combo);
    combo->setCurrentIndex(combo->findData(static_cast<int>(get(p))));
  });
  addRow(label, tip, combo, std::move(visible));
}

void Inspector::addInit(const QString& label, const QString& tip, InitSpec LayerParams::*field) {
  auto is = [field](std::initializer_list<InitKind> kinds) {
    return [field, kinds = std::vector<InitKind>(kinds)](const LayerParams& p) {
      for (InitKind k : kinds)
        if ((p.*field).kind == k) return true;
      return false;
    };
  };
  auto real = [&](const QString& name, const QString& real_tip, float InitSpec::*member, double lo,
                  double hi, Visible visible) {
    addReal(
        label + " " + name, real_tip, lo, hi, 0.05, 3,
        [field, member](const LayerParams& p) { return double{(p.*field).*member}; },
        [field, member](LayerParams& p, double v) { (p.*field).*member = static_cast<float>(v); },
        std::move(visible));
  };
  addCombo(
      label, tip, choices(all_init_kinds()),
      [field](const LayerParams& p) { return as_d((p.*field).kind); },
      [field](LayerParams& p, double v) { (p.*field).kind = as_e<InitKind>(v); });
  real(tr("value"), tr("constant: every element gets this value."), &InitSpec::value, -10, 10,
       is({InitKind::Constant}));
  real(tr("a"),
       tr("uniform: lower bound; kaiming: the negative slope of the rectifier after it; "
          "fan_in_uniform: the bound is a / fan_in (LeCun 1989: 2.4)."),
       &InitSpec::a, -10, 10,
       is({InitKind::Uniform, InitKind::KaimingUniform, InitKind::KaimingNormal,
           InitKind::FanInUniform}));
  real(tr("b"), tr("uniform: upper bound."), &InitSpec::b, -10, 10, is({InitKind::Uniform}));
  real(tr("mean"), tr("normal: the mean."), &InitSpec::mean, -10, 10, is({InitKind::Normal}));
  real(tr("std"), tr("normal: the standard deviation."), &InitSpec::std, 0, 10,
       is({InitKind::Normal}));
  real(tr("gain"), tr("xavier / orthogonal: a scale factor, e.g. 5/3 before Tanh."),
       &InitSpec::gain, 0, 10,
       is({InitKind::XavierUniform, InitKind::XavierNormal, InitKind::Orthogonal}));
  addCombo(
      label + " " + tr("mode"),
      tr("kaiming: fan_in preserves the forward signal's variance, fan_out the backward one."),
      choices(all_fan_modes()), [field](const LayerParams& p) { return as_d((p.*field).mode); },
      [field](LayerParams& p, double v) { (p.*field).mode = as_e<FanMode>(v); },
      is({InitKind::KaimingUniform, InitKind::KaimingNormal}));
  addCombo(
      label + " " + tr("nonlinearity"),
      tr("kaiming: the activation that follows, which sets the gain (relu: √2)."),
      choices(all_nonlinearities()),
      [field](const LayerParams& p) { return as_d((p.*field).nonlinearity); },
      [field](LayerParams& p, double v) { (p.*field).nonlinearity = as_e<Nonlinearity>(v); },
      is({InitKind::KaimingUniform, InitKind::KaimingNormal}));
}

void add_fields_for(Inspector& in, NodeKind kind) {
  for (const ParamSchema& s : layer_descriptor(kind).params) {
    const QString label = QObject::tr(s.label);
    const QString tip = QObject::tr(s.tooltip);
    const ParamRange& r = s.range;
    // Getter/setter through the schema: the same path the file reader and the test use.
    auto get_number = [&s](const LayerParams& p) -> double {
      const ParamValue v = get_param(s, p);
      if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
      if (const auto* d = std::get_if<double>(&v)) return *d;
      if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
      if (const auto* f = std::get_if<Activation>(&v)) return as_d(*f);
      return 0.0;
    };
    switch (param_type(s)) {
      case ParamType::Int:
        in.addInt(
            label, tip, static_cast<int>(r.lo), static_cast<int>(r.hi), get_number,
            [&s](LayerParams& p, double v) { set_param(s, p, static_cast<int64_t>(v)); },
            visible_of(s));
        break;
      case ParamType::Real:
        in.addReal(
            label, tip, r.lo, r.hi, r.step, r.decimals, get_number,
            [&s](LayerParams& p, double v) { set_param(s, p, v); }, visible_of(s));
        break;
      case ParamType::Bool:
        in.addBool(
            label, tip, get_number, [&s](LayerParams& p, double v) { set_param(s, p, v != 0.0); },
            visible_of(s));
        break;
      case ParamType::Pair:
        in.addPair(label, tip, static_cast<int>(r.lo), static_cast<int>(r.hi),
                   std::get<std::array<int, 2> LayerParams::*>(s.field), visible_of(s));
        break;
      case ParamType::Activation:
        in.addCombo(
            label, tip, choices(all_activations()), get_number,
            [&s](LayerParams& p, double v) { set_param(s, p, as_e<Activation>(v)); },
            visible_of(s));
        break;
      case ParamType::Init:
        in.addInit(label, tip, std::get<InitSpec LayerParams::*>(s.field));
        break;
      case ParamType::Shape:
        in.addInputShape();
        break;
    }
  }
}

}  // namespace bp::ui
