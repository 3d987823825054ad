# bp_warnings(target): the warning set for our own code; errors when BP_WERROR is on.
function(bp_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
      -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference
      # GCC 12 reports false -Wrestrict positives inside std::string at -O3 (GCC bug 105329).
      $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
      $<$<BOOL:${BP_WERROR}>:-Werror>>)
endfunction()
