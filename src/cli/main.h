// The command line: parses argv into Options, builds the rule set, fact
// store and printer once, runs the pipeline and decides the exit status
// (interface.md, "Exit status"). Not thread-safe; call once per process.
#ifndef CLAIMCHECK_CLI_MAIN_H_
#define CLAIMCHECK_CLI_MAIN_H_

namespace claimcheck::cli {

// Returns the process exit status: 0, 1 or 2.
int Main(int argc, char** argv);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLI_MAIN_H_
