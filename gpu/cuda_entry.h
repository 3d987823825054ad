#pragma once
// The module's C entry point (looked up by name with dlsym; keep the signature in step with
// app/common/backends.cpp). Returns a new backend on the first CUDA device, or null with a
// human-readable reason in `error` (never throws, never aborts): no driver, no device, or a CUDA
// error while setting up.
namespace bp {
class Backend;
}

extern "C" __attribute__((visibility("default"))) bp::Backend* bp_create_cuda_backend(
    int threads, char* error, int error_size);
