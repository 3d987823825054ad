# The include rules of the layers (ARCHITECTURE.md), checked on every #include line:
#   engine/       includes nothing from ui/, app/ or gpu/, and no Qt or CUDA header
#   gpu/          includes from the project only engine/backend, engine/core and gpu/
#   ui/views/     includes nothing from ui/training except the snapshot types
#                 (ui/training/training_snapshot.h), nothing from ui/main_window, app/ or gpu/
#   ui/training/  includes nothing from ui/views, ui/main_window or ui/editor
#   ui/document/  includes only engine/ and ui/document/ from the project, and no Qt Widgets header
# Usage: cmake -DROOT=<tree> -DQT_WIDGETS_DIR=<…/qt6/QtWidgets> -P check_includes.cmake
# Exits non-zero and lists every broken include.
if(NOT ROOT)
  message(FATAL_ERROR "check_includes: pass -DROOT=<source tree>")
endif()

# Header names of the Qt Widgets module (QWidget, QDialog, ...), to keep ui/document widget-free.
set(widget_headers "")
if(QT_WIDGETS_DIR AND IS_DIRECTORY "${QT_WIDGETS_DIR}")
  file(GLOB widget_paths RELATIVE "${QT_WIDGETS_DIR}" "${QT_WIDGETS_DIR}/Q*")
  foreach(h ${widget_paths})
    if(NOT h MATCHES "\\.h$")
      list(APPEND widget_headers "${h}")
    endif()
  endforeach()
endif()

set(violations "")

# check(<folder> <rule text> <deny regex> [<allow regex>]): every include target ("x/y.h" or
# <X>, with its quotes or brackets) of every source under <folder> that matches <deny> and not
# <allow> is a violation.
function(check folder rule deny allow)
  file(GLOB_RECURSE files RELATIVE "${ROOT}" "${ROOT}/${folder}/*.h" "${ROOT}/${folder}/*.cpp"
       "${ROOT}/${folder}/*.cu" "${ROOT}/${folder}/*.cuh")
  foreach(f ${files})
    file(STRINGS "${ROOT}/${f}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line ${lines})
      if(line MATCHES "#[ \t]*include[ \t]*([<\"][^>\"]+[>\"])")
        set(target "${CMAKE_MATCH_1}")
        if(target MATCHES "${deny}" AND NOT (allow AND target MATCHES "${allow}"))
          list(APPEND violations "${f}: #include ${target} (${rule})")
        endif()
      endif()
    endforeach()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

check(engine "engine includes no ui/app/gpu code, no Qt, no CUDA"
      "^\"(ui|app|gpu)/|^<Q|^<Qt|^<(cuda|cublas|cudnn|curand)" "")
check(gpu "gpu includes only engine/backend and engine/core from the project"
      "^\"" "^\"(engine/backend|engine/core|gpu)/")
check(ui/views "views include only the snapshot types from ui/training"
      "^\"(ui/training|ui/main_window|app|gpu)/" "^\"ui/training/training_snapshot\\.h\"$")
check(ui/training "ui/training includes no views, editor or main window"
      "^\"(ui/views|ui/main_window|ui/editor|app|gpu)/" "")
check(ui/document "ui/document includes only engine/ and ui/document/ from the project"
      "^\"" "^\"(engine|ui/document)/")
if(widget_headers)
  list(JOIN widget_headers "|" alternatives)
  check(ui/document "ui/document includes no Qt Widgets header"
        "^<(QtWidgets/.*|(${alternatives}))>$" "")
endif()

if(violations)
  list(LENGTH violations count)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "${count} include(s) break the layering rules:\n  ${text}")
endif()
list(LENGTH widget_headers widget_count)
message(STATUS "include rules hold (${widget_count} Qt Widgets headers known)")
