cmake_policy(SET CMP0057 NEW)  # if(IN_LIST)
# Checks that each module of src/ includes only itself and the modules it
# names as dependencies in CMakeLists.txt (qalam_module ... DEPS). The build
# already fails for an include that no linked module provides; this also
# catches one that a dependency's dependency happens to provide (web
# including store through services).
#
#   cmake -DLAYERS=build/modules/layers.txt -DSRC=src -P scripts/check_layers.cmake
#
# LAYERS holds "name=dep;dep" entries separated by ';' as CMakeLists.txt
# writes them (a module's deps are listed with ';' too, so entries are told
# apart by their '=').
if(NOT LAYERS OR NOT SRC)
  message(FATAL_ERROR "usage: cmake -DLAYERS=FILE -DSRC=DIR -P check_layers.cmake")
endif()
file(READ ${LAYERS} spec)
set(module "")
set(modules "")
foreach(item IN LISTS spec)
  if(item STREQUAL "")
    continue()
  endif()
  if(item MATCHES "^([a-z_]+)=(.*)$")
    set(module ${CMAKE_MATCH_1})
    list(APPEND modules ${module})
    set(allowed_${module} ${module})
    if(NOT CMAKE_MATCH_2 STREQUAL "")
      list(APPEND allowed_${module} ${CMAKE_MATCH_2})
    endif()
  else()
    list(APPEND allowed_${module} ${item})
  endif()
endforeach()

set(violations 0)
foreach(module IN LISTS modules)
  file(GLOB files ${SRC}/${module}/*.h ${SRC}/${module}/*.cc)
  foreach(file IN LISTS files)
    file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"[a-z_]+/")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([a-z_]+)/.*$" "\\1" target "${line}")
      if(NOT target IN_LIST allowed_${module})
        list(JOIN allowed_${module} " " may)
        message(NOTICE "${file}: includes \"${target}/\", but ${module} may include only: ${may}")
        math(EXPR violations "${violations} + 1")
      endif()
    endforeach()
  endforeach()
endforeach()
list(LENGTH modules n)
if(violations GREATER 0)
  message(FATAL_ERROR "${violations} include(s) against the layers")
endif()
message(STATUS "layers: ${n} modules, every include in its direction")
