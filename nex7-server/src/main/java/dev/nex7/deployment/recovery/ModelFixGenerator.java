package dev.nex7.deployment.recovery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.recovery.FixProposal.Patch;
import dev.nex7.identity.UserId;
import dev.nex7.llm.CallContext;
import dev.nex7.llm.ModelCallFailed;
import dev.nex7.llm.ModelGateway;
import dev.nex7.llm.ModelRequest;
import dev.nex7.llm.ModelResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the Debugger (through the model gateway, metered to the project) for a patch when the root
 * cause is one no rule fixes: a type error, a lint rule without an automatic fix, a compile error.
 * The model sees the findings and the files they name, and answers with a unified diff, its
 * confidence and a rationale. The diff may only touch the files the findings name, and the model's
 * confidence is capped below the rules' ({@value #MAX_CONFIDENCE}): a model is sure more often than it
 * is right, and calibration lowers it further when its patches fail their proofs.
 */
@Component
class ModelFixGenerator {

    static final String STRATEGY = "model-patch";
    static final double MAX_CONFIDENCE = 0.88;
    private static final Logger log = LoggerFactory.getLogger(ModelFixGenerator.class);
    private static final int MAX_FILES = 5;
    private static final int MAX_FILE_CHARS = 24_000;
    private static final Set<FixStrategy> MODEL_STRATEGIES = Set.of(FixStrategy.FIX_TYPE, FixStrategy.FIX_LINT);

    static final String SYSTEM = """
            You are the Debugger of NEX7, fixing a failed deployment. You get the build's findings (the root cause first) \
            and the full text of the files they name. Fix the root cause with the smallest correct change to those files \
            only; never touch other files, never weaken types with `any` or disable checks or lint rules.
            Answer with ONE JSON object and nothing else:
            {"confidence": <0..1, how sure you are the build passes with your patch>, "rationale": "<one or two sentences>", \
            "diff": "<a unified diff in git format: --- a/<path> and +++ b/<path> headers, @@ hunks with 3 lines of exact context>"}
            If you cannot fix it from what you see, answer {"confidence": 0, "rationale": "<why>", "diff": ""}.""";

    private final ModelGateway gateway;
    private final JsonMapper json;
    private final DeploymentSettings settings;

    ModelFixGenerator(ModelGateway gateway, JsonMapper json, DeploymentSettings settings) {
        this.gateway = gateway;
        this.json = json;
        this.settings = settings;
    }

    /** Whether the findings have something only a model can fix: a root with a file and a model strategy (or none). */
    static boolean wanted(FixContext context) {
        Finding root = context.root();
        return root != null && root.file() != null && (root.fixStrategy() == null || MODEL_STRATEGIES.contains(root.fixStrategy()));
    }

    /** The model's proposal, metered to {@code user}; empty when no model is configured, the call fails or it has none. */
    Optional<FixProposal> propose(FixContext context, UserId user) {
        Set<String> files = new LinkedHashSet<>();
        for (Finding finding : context.findings()) {
            if (finding.file() != null && context.files().exists(finding.file()) && files.size() < MAX_FILES) {
                files.add(finding.file());
            }
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        String question = question(context, files);
        ModelResponse response;
        try {
            response = gateway.complete(ModelRequest.ask(new CallContext(user, context.deployment().projectId(), "debugger", "recovery"),
                    SYSTEM, question, 4_096));
        } catch (ModelCallFailed failed) {
            log.info("No model-made fix for deployment {}: {}", context.deployment().id(), failed.getMessage());
            return Optional.empty();
        }
        return parse(response.text(), context.root(), files);
    }

    private String question(FixContext context, Set<String> files) {
        StringBuilder text = new StringBuilder("Findings, the root first:\n");
        List<Finding> shown = new ArrayList<>(context.findings());
        shown.sort((a, b) -> Boolean.compare(b.root(), a.root()));
        for (Finding finding : shown.subList(0, Math.min(12, shown.size()))) {
            text.append("- ").append(finding.root() ? "[root] " : "").append(finding.tool()).append(' ')
                    .append(finding.file() == null ? "" : finding.file() + (finding.line() == null ? "" : ":" + finding.line()
                            + (finding.column() == null ? "" : ":" + finding.column())))
                    .append(finding.subject() == null ? "" : " " + finding.subject()).append(": ").append(finding.message()).append('\n');
        }
        for (String file : files) {
            String content = context.files().read(file).orElse("");
            if (content.length() > MAX_FILE_CHARS) {
                content = content.substring(0, MAX_FILE_CHARS) + "\n… (cut)";
            }
            text.append("\n=== ").append(file).append(" ===\n").append(content).append(content.endsWith("\n") ? "" : "\n");
        }
        return text.toString();
    }

    Optional<FixProposal> parse(String answer, Finding root, Set<String> allowed) {
        String body = answer.strip();
        int start = body.indexOf('{');
        int end = body.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return Optional.empty();
        }
        try {
            JsonNode tree = json.readTree(body.substring(start, end + 1));
            String diff = tree.path("diff").asString("");
            double confidence = tree.path("confidence").asDouble(0);
            if (diff.isBlank() || confidence <= 0 || diff.length() > settings.recovery().maxDiffSize().toBytes()) {
                return Optional.empty();
            }
            return Optional.of(new FixProposal(STRATEGY, "model", Math.min(MAX_CONFIDENCE, Math.min(1, confidence)),
                    tree.path("rationale").asString("The Debugger proposed this patch."), root,
                    List.of(new Patch(diff.endsWith("\n") ? diff : diff + "\n", Set.copyOf(allowed)))));
        } catch (JacksonException malformed) {
            log.info("The Debugger's answer was not the JSON asked for: {}", malformed.getOriginalMessage());
            return Optional.empty();
        }
    }
}
