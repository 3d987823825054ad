// backprop: the command-line front end (composition root for headless runs).
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0) {
    std::puts("usage: backprop <train|evaluate|info> PROJECT [options]   (see backprop CMD --help)");
    return argc < 2 ? 2 : 0;
  }
  std::fprintf(stderr, "backprop: unknown command '%s'\n", argv[1]);
  return 2;
}
