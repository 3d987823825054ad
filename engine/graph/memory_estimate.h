#pragma once
// Memory a network needs, estimated from its spec before anything is allocated, so that a
// network or batch far beyond the machine (input_shape [1e5, 1e5, 1e5]) is refused at once with
// the numbers instead of minutes of allocation and a late "out of memory". Used by the CLI (info
// prints it; train and evaluate refuse what does not fit) and available to the studio.
#include <cstdint>
#include <string>

#include "engine/graph/network_spec.h"

namespace bp {

enum class MemoryUse : uint8_t {
  Training,   // parameters, gradients, optimizer state, activations and their gradients
  Inference,  // parameters and activations
};

struct MemoryEstimate {
  // Doubles: the point is to describe networks whose sizes overflow 64-bit products.
  double parameters = 0;        // trainable values (count)
  double parameter_bytes = 0;   // weights + gradients + optimizer state (training)
  double activation_bytes = 0;  // every node's output for a batch (and its gradient, training)
  double total_bytes() const { return parameter_bytes + activation_bytes; }
  bool known = false;  // false when the network is invalid (no shapes to count)
};

// float32 everywhere; training counts two optimizer buffers per parameter (Adam's m and v, the
// most any optimizer here keeps) and two activation copies (value and gradient) per node output.
MemoryEstimate estimate_memory(const NetworkSpec& network, int batch_size, MemoryUse use);

// Bytes of memory available to this process now (Linux: MemAvailable; else physical pages
// free), 0 when unknown.
uint64_t available_memory_bytes();

// "12.3 MB", "8.0 PB": three significant digits, decimal units.
std::string format_bytes(double bytes);

// "" when the estimate fits in `available` bytes (or either is unknown); else a message with the
// estimate and what to change.
std::string memory_problem(const MemoryEstimate& estimate, uint64_t available, int batch_size);

}  // namespace bp
