package dev.nex7.deployment.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;

/**
 * Vercel's platform limits, as its build step prints them after the project's own build
 * succeeded: a function over the size limit (named, or the unzipped 250 MB limit), an Edge
 * Function over the plan's limit, and an output directory the build did not produce.
 */
@Component
class VercelAnalyzer extends LineAnalyzer {

    private static final String TOOL = "vercel";

    private static final Pattern FUNCTION_SIZE = Pattern.compile("The Serverless Function \"([^\"]+)\" is (\\S+) which exceeds the maximum size limit of (\\S+?)\\.?(?:\\s|$)");
    private static final Pattern UNZIPPED_SIZE = Pattern.compile("A Serverless Function has exceeded the unzipped maximum size of ([^.:]+)");
    private static final Pattern EDGE_SIZE = Pattern.compile("The Edge Function \"([^\"]+)\" size is (.+?) and your plan size limit is ([^.]+)");
    private static final Pattern OUTPUT_DIRECTORY = Pattern.compile("No Output Directory named \"([^\"]+)\" found after the Build completed");

    @Override
    Finding read(BuildLog log, int index, String line) {
        if (!line.contains("Function") && !line.contains("Output Directory")) {
            return null;
        }
        Matcher match;
        if ((match = FUNCTION_SIZE.matcher(line)).find()) {
            return limit(index, match.group(1), "Function " + match.group(1) + " is " + match.group(2)
                    + ", over the limit of " + match.group(3), FixStrategy.REDUCE_FUNCTION_SIZE);
        }
        if ((match = UNZIPPED_SIZE.matcher(line)).find()) {
            return limit(index, null, "A function is over the unzipped size limit of " + match.group(1).strip(),
                    FixStrategy.REDUCE_FUNCTION_SIZE);
        }
        if ((match = EDGE_SIZE.matcher(line)).find()) {
            return limit(index, match.group(1), "Edge Function " + match.group(1) + " is " + match.group(2)
                    + ", over the plan's limit of " + match.group(3).strip(), FixStrategy.REDUCE_FUNCTION_SIZE);
        }
        if (!line.startsWith("BUILD_FAILED") && (match = OUTPUT_DIRECTORY.matcher(line)).find()) {
            return limit(index, match.group(1), "The build wrote no output directory named " + match.group(1),
                    FixStrategy.SET_OUTPUT_DIRECTORY);
        }
        return null;
    }

    private static Finding limit(int index, String subject, String message, FixStrategy fix) {
        return Finding.of(FindingCategory.PLATFORM_LIMIT, TOOL, index).subject(subject).message(message).fix(fix).build();
    }
}
