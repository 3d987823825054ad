# Sanitizer and fuzzing builds (./studio test --sanitize, ./studio fuzz SECONDS).
#   -DBP_SANITIZE="address;undefined"   every C++ target with ASan + UBSan (build-asan/)
#   -DBP_SANITIZE=thread                every C++ target with TSan (build-tsan/)
#   -DBP_FUZZ=ON                        clang only: libFuzzer targets in tests/fuzz, everything
#                                       instrumented for coverage, ASan and UBSan (the launcher
#                                       builds them in build-asan/ beside the ASan test suite)
# UBSan does not recover: undefined behaviour fails the test that hit it.
set(BP_SANITIZE "" CACHE STRING "Sanitizers for every C++ target: address;undefined, or thread")
option(BP_FUZZ "Build the libFuzzer targets of tests/fuzz (needs clang)" OFF)

set(_bp_known address undefined thread leak)
foreach(_s IN LISTS BP_SANITIZE)
  if(NOT _s IN_LIST _bp_known)
    message(FATAL_ERROR "BP_SANITIZE: unknown sanitizer '${_s}' (use address, undefined, thread, leak)")
  endif()
endforeach()
if("thread" IN_LIST BP_SANITIZE AND "address" IN_LIST BP_SANITIZE)
  message(FATAL_ERROR "BP_SANITIZE: thread and address cannot be combined; build them separately")
endif()

set(_bp_sanitizers ${BP_SANITIZE})
if(BP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "BP_FUZZ needs clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  list(APPEND _bp_sanitizers fuzzer-no-link address undefined)
  list(REMOVE_DUPLICATES _bp_sanitizers)
endif()

if(_bp_sanitizers)
  list(JOIN _bp_sanitizers "," _bp_list)
  list(REMOVE_ITEM _bp_sanitizers fuzzer-no-link)
  list(JOIN _bp_sanitizers "," BP_SANITIZE_LINK)
  add_compile_options(
    "$<$<COMPILE_LANGUAGE:CXX>:-fsanitize=${_bp_list};-fno-omit-frame-pointer;-g1>")
  if("undefined" IN_LIST _bp_sanitizers)
    add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:-fno-sanitize-recover=undefined>")
  endif()
  add_link_options("$<$<LINK_LANGUAGE:CXX>:-fsanitize=${BP_SANITIZE_LINK}>")
  message(STATUS "Backprop Studio: sanitizers ${_bp_list}")
endif()
