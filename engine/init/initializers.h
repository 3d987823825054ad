#pragma once
// torch.nn.init: fills a host buffer per an InitSpec, with the fans the layer computed.
#include <cstdint>
#include <span>

#include "engine/core/rng.h"
#include "engine/core/shape.h"
#include "engine/init/init_spec.h"

namespace bp {

// torch.nn.init.calculate_gain
float calculate_gain(Nonlinearity nl, float param = 0.01f);

// Fills `out` (shape.numel() values) per `spec` (never InitKind::Default: layers resolve it).
// shape: the parameter's shape (Orthogonal uses (shape[0], numel/shape[0])).
void initialize(std::span<float> out, const Shape& shape, const InitSpec& spec, int64_t fan_in,
                int64_t fan_out, Rng& rng);

}  // namespace bp
