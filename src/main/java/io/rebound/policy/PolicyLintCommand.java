package io.rebound.policy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar rebound.jar lint <folder>}: validation and lint of a policy folder without the
 * service, its web server or its database, for ops' own CI. Prints the same messages the API gives;
 * exits 0 when there are no errors (warnings are printed), 1 when there are, 2 on a usage mistake.
 */
public final class PolicyLintCommand {

  public static final String NAME = "lint";

  private PolicyLintCommand() {}

  /**
   * @param args the arguments after "lint": one policy folder holding rules/ and decision-tables/
   * @return the process exit code
   */
  public static int run(String[] args, PrintStream out) {
    if (args.length != 1) {
      out.println(
          "usage: java -jar rebound.jar lint <policy folder with rules/ and decision-tables/>");
      return 2;
    }
    Path dir = Path.of(args[0]);
    if (!Files.isDirectory(dir)) {
      out.println("ERROR " + dir + " is not a folder");
      return 2;
    }
    PolicyFiles files = PolicyFiles.fromDirectory(dir);
    PolicyLint.Report report;
    try {
      PolicyCompiler.compile(files);
      report = PolicyLint.lint(files);
    } catch (InvalidPolicyException e) {
      report = new PolicyLint.Report(e.problems(), java.util.List.of());
    }
    report.errors().forEach(e -> out.println("ERROR " + e));
    report.warnings().forEach(w -> out.println("WARNING " + w));
    out.println(
        files.origin()
            + ": "
            + report.errors().size()
            + (report.errors().size() == 1 ? " error, " : " errors, ")
            + report.warnings().size()
            + (report.warnings().size() == 1 ? " warning" : " warnings"));
    return report.errors().isEmpty() ? 0 : 1;
  }
}
