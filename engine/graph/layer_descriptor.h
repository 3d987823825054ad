#pragma once
// LayerDescriptor: everything the program knows about one layer kind, in one table entry — its
// PyTorch name, its parameter schema (JSON key = PyTorch argument name, inspector label, range,
// tooltip), its factory (which also gives its shape rule: Layer::output_shape), its PyTorch export
// and ONNX export hooks, whether its weights are decayed/regularized, its palette group and summary
// line, and whether the neuron view treats it as element-wise. The palette, the inspector, the
// project reader/writer, the PyTorch exporter, the layer factory, shape inference and the
// regularizer iterate over this table: a parameter the file does not save or the engine ignores
// cannot exist.
//
// The entries live in engine/graph/descriptors/*.cpp, one file per family.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/graph/onnx_export_hook.h"
#include "engine/nn/layer.h"

namespace bp {

// Where a parameter lives in LayerParams; its type follows from the member's type.
using ParamField = std::variant<int64_t LayerParams::*,             // Int
                                int LayerParams::*,                 // Int
                                float LayerParams::*,               // Real
                                float ActivationParams::*,          // Real, inside params.act
                                bool LayerParams::*,                // Bool
                                std::array<int, 2> LayerParams::*,  // Pair {h, w}
                                Activation LayerParams::*,          // Choice of Activation
                                InitSpec LayerParams::*,            // Init (torch.nn.init)
                                Shape LayerParams::*>;              // Shape (Input)

enum class ParamType : uint8_t { Int, Real, Bool, Pair, Activation, Init, Shape };

// A parameter's value, whatever its type (int fields widen to int64_t, float to double).
using ParamValue =
    std::variant<int64_t, double, bool, std::array<int, 2>, Activation, InitSpec, Shape>;

struct ParamRange {
  double lo = 0.0, hi = 0.0;  // inclusive; Int, Real and each element of a Pair
  double step = 1.0;          // inspector spin-box step
  int decimals = 0;           // inspector decimals (Real)
};

struct ParamSchema {
  const char* key;      // JSON key and PyTorch argument name: "out_features"
  const char* label;    // inspector label: "Units"
  const char* tooltip;  // inspector tooltip
  ParamField field;
  ParamRange range{};
  // Shown in the inspector (and always written) only when this holds; nullptr: always.
  bool (*relevant)(const LayerParams&) = nullptr;
  // Written only when it differs from the default (the file stays small); read either way.
  bool omit_default = false;
  // Applied when a file has no such key, after the keys before it were read (nullptr: the
  // LayerParams default). PyTorch's pools default the stride to the kernel size.
  void (*when_missing)(LayerParams&) = nullptr;
};

// How the neuron view (Playground-style maps of a dense network) shows a node: as a column of
// its own, merged into the column it follows (element-wise), or not at all (the network is then
// not shown as a dense network).
enum class NeuronView : uint8_t { None, Column, Elementwise };

enum class PaletteGroup : uint8_t { Core, Activations, Convolution, Regularization, Structure };

// An extra palette entry of one kind with a preset (the Activation node, once per function).
struct PalettePreset {
  Activation activation;
  const char* summary;  // one or two sentences for the palette tooltip
};

// What the PyTorch exporter knows about the node it is writing.
struct PyTorchExportArgs {
  const LayerParams& params;
  const Shape& input;   // per sample, port 0
  const Shape& output;  // per sample
};

struct LayerDescriptor {
  NodeKind kind;
  const char* pytorch_name;  // "Linear", also the "kind" in project files
  const char* name_prefix;   // stem of default node names: "fc" -> "fc1"
  PaletteGroup group;
  const char* summary;  // one or two sentences for the palette tooltip
  std::vector<ParamSchema> params{};
  // Builds the engine layer (its output_shape is the shape rule). nullptr for Input, which the
  // Model handles itself.
  std::unique_ptr<Layer> (*make)(const LayerParams&) = nullptr;
  // The nn.Module expression ("nn.Linear(2, 8, bias=True)"), or nullptr when the node is an
  // expression of its inputs instead (see pytorch_expression).
  std::string (*pytorch_module)(const PyTorchExportArgs&) = nullptr;
  // For module-less nodes: the forward expression of the input variables (Add: "a + b").
  std::string (*pytorch_expression)(const PyTorchExportArgs&,
                                    const std::vector<std::string>& inputs) = nullptr;
  // Writes the node as ONNX operators (engine/graph/onnx_export_hook.h); nullptr: the ONNX
  // exporter refuses the kind.
  OnnxExportHook onnx_export = nullptr;
  // The card's one-line summary: "Linear 8 · Tanh" (UTF-8).
  std::string (*card_summary)(const NodeSpec&) = nullptr;
  // Editor-friendly defaults for a node dropped from the palette (pools 2x2 stride 2).
  void (*editor_defaults)(LayerParams&) = nullptr;
  std::vector<PalettePreset> presets{};  // extra palette entries (Activation)
  bool penalized_weight = false;         // its "weight" takes L1/L2 penalties and max-norm
  NeuronView neuron_view = NeuronView::None;
  bool fused_activation = false;  // params.activation is applied after it (Linear)
};

// Every kind, in NodeKind order; layer_descriptor(kind) is never missing (a test checks).
std::span<const LayerDescriptor> layer_descriptors();
const LayerDescriptor& layer_descriptor(NodeKind kind);

ParamType param_type(const ParamSchema& schema);
ParamValue get_param(const ParamSchema& schema, const LayerParams& params);
// Sets the field; a value of the wrong alternative for the field is a programming error (throws).
void set_param(const ParamSchema& schema, LayerParams& params, const ParamValue& value);
bool is_relevant(const ParamSchema& schema, const LayerParams& params);

// The family tables, one per file under engine/graph/descriptors/.
void add_dense_descriptors(std::vector<LayerDescriptor>& out);
void add_conv_descriptors(std::vector<LayerDescriptor>& out);
void add_norm_descriptors(std::vector<LayerDescriptor>& out);
void add_structure_descriptors(std::vector<LayerDescriptor>& out);

// Shared pieces of the family tables.
namespace descriptor_parts {
std::string py_float(float v);
std::string py_bool(bool b);
std::string py_pair(const std::array<int, 2>& a);  // "(3, 3)"
std::string window(const std::array<int, 2>& k);   // "3×3", "3×5"
// nn.Module for an activation function with its parameters: "nn.LeakyReLU(negative_slope=0.1)".
std::string activation_module(Activation f, const ActivationParams& a);
}  // namespace descriptor_parts

}  // namespace bp
