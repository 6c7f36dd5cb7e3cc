// Compiled only to build the precompiled headers (cmake/precompiled_headers.cmake).
