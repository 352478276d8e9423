#include "cli/main.h"

int main(int argc, char** argv) { return claimcheck::cli::Main(argc, argv); }
