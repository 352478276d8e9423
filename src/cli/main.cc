#include "cli/main.h"

namespace claimcheck::cli {

int Main(int argc, char** argv) { return 2; }

}  // namespace claimcheck::cli
