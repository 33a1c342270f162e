package dev.nex7.deployment.recovery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.recovery.FixProposal.Command;

/**
 * The fixes a tool makes itself, run in the build sandbox: {@code eslint --fix} on the files whose
 * rules can fix themselves, and a lockfile rewritten from {@code package.json} by the project's own
 * package manager.
 */
@Component
class CommandFixes implements FixGenerator {

    static final String ESLINT = FixStrategy.ESLINT_FIX.id();
    static final String LOCKFILE = FixStrategy.REGENERATE_LOCKFILE.id();

    @Override
    public List<FixProposal> propose(FixContext context) {
        List<FixProposal> proposals = new ArrayList<>();
        Set<String> lintFiles = new LinkedHashSet<>();
        Finding firstLint = null;
        Finding lockfile = null;
        for (Finding finding : context.findings()) {
            if (finding.fixStrategy() == FixStrategy.ESLINT_FIX && finding.file() != null && safe(finding.file())) {
                lintFiles.add(finding.file());
                firstLint = firstLint == null ? finding : firstLint;
            } else if (finding.fixStrategy() == FixStrategy.REGENERATE_LOCKFILE && lockfile == null) {
                lockfile = finding;
            }
        }
        if (!lintFiles.isEmpty() && context.files().exists("package.json")) {
            proposals.add(FixProposal.rule(ESLINT, 0.85,
                    "ESLint reports rules that fix themselves in " + String.join(", ", lintFiles) + "; eslint --fix rewrites them.",
                    firstLint, new Command("npx --no-install eslint --fix " + String.join(" ", lintFiles.stream().map(CommandFixes::quote).toList()))));
        }
        if (lockfile != null) {
            Finding reason = lockfile;
            Lockfiles.refresh(context.files(), "").ifPresent(command -> proposals.add(FixProposal.rule(LOCKFILE, 0.85,
                    "The lockfile does not match package.json" + (reason.subject() == null ? "" : " (" + reason.subject() + ")")
                            + "; the package manager rewrites it from package.json.",
                    reason, new Command(command))));
        }
        return proposals;
    }

    /** A relative path made of ordinary characters: safe to pass to a shell in quotes. */
    private static boolean safe(String file) {
        return file.matches("[\\w./@+-]+") && !file.startsWith("-") && !file.contains("..");
    }

    private static String quote(String file) {
        return "'" + file + "'";
    }
}
