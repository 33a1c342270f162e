package dev.nex7.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;

/**
 * A real small Node/TypeScript project in a real git repository: a bare repository (what the
 * local target deploys, as a team's shared repository would be) and a working clone a developer
 * commits and pushes from. Its packages come from a {@link FakeNpmRegistry}; TypeScript is the web
 * app's own, packed and published there, so the project builds without the internet.
 */
public final class NodeProject {

    public static final String INSTALL = "npm ci --no-audit --no-fund";
    public static final String BUILD = "npm run build";
    private static final PersonIdent DEVELOPER = new PersonIdent("Dana Developer", "dana@shop.test");

    private final Path bare;
    private final Path work;
    private final Git git;

    private NodeProject(Path bare, Path work, Git git) {
        this.bare = bare;
        this.work = work;
        this.git = git;
    }

    /** Where the web app's TypeScript is (the repository's {@code web/node_modules/typescript}). */
    public static Path typescript() {
        Path here = Path.of("").toAbsolutePath();
        for (Path folder = here; folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("web/node_modules/typescript");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("web/node_modules/typescript is missing: run npm ci in web/ (the build does)");
    }

    /** Publishes the web app's TypeScript to the registry; the version projects depend on. */
    public static String publishTypeScript(FakeNpmRegistry registry) {
        try {
            String manifest = Files.readString(typescript().resolve("package.json"));
            String version = tools.jackson.databind.json.JsonMapper.builder().build().readTree(manifest).path("version").asString();
            registry.publishFolder("typescript", version, typescript());
            return version;
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** A project that builds: {@code src/index.ts} greets through {@code src/greeting.ts}. Its lockfile is made by npm. */
    public static NodeProject create(Path directory, String npmRegistry, String typescriptVersion) {
        try {
            Path bare = directory.resolve("shop.git");
            Path work = directory.resolve("shop");
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call();
            git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
            NodeProject project = new NodeProject(bare, work, git);
            project.write(Map.of(
                    "package.json", """
                            {
                              "name": "shop",
                              "version": "1.0.0",
                              "private": true,
                              "scripts": {
                                "build": "tsc -p ."
                              },
                              "devDependencies": {
                                "typescript": "%s"
                              }
                            }
                            """.formatted(typescriptVersion),
                    "tsconfig.json", """
                            {
                              "compilerOptions": {"target": "ES2022", "module": "commonjs", "strict": true, "outDir": "dist", "skipLibCheck": true},
                              "include": ["src"]
                            }
                            """,
                    ".gitignore", "node_modules\ndist\n",
                    "src/greeting.ts", """
                            export function greet(name: string): string {
                              return `Hello, ${name}`;
                            }
                            """,
                    "src/index.ts", """
                            import { greet } from "./greeting";

                            const guests: number = 3;
                            console.log(greet("NEX7"), guests);
                            """));
            Process npm = new ProcessBuilder("npm", "install", "--package-lock-only", "--no-audit", "--no-fund", "--registry", npmRegistry)
                    .directory(work.toFile()).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes());
            if (npm.waitFor() != 0) {
                throw new IllegalStateException("npm could not make the lockfile: " + output);
            }
            project.commitAndPush("Greet our guests");
            return project;
        } catch (IOException | GitAPIException | InterruptedException | java.net.URISyntaxException failure) {
            throw new IllegalStateException(failure);
        }
    }

    public Path repository() {
        return bare;
    }

    public Path workingCopy() {
        return work;
    }

    public String read(String path) {
        try {
            return Files.readString(work.resolve(path));
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    public void write(Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = work.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** Commits every change and pushes it to the shared repository; the new commit's id. */
    public String commitAndPush(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit commit = git.commit().setMessage(message).setAuthor(DEVELOPER).setCommitter(DEVELOPER).call();
            git.push().setRemote("origin").add("main").call();
            return commit.getName();
        } catch (GitAPIException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** Brings the working copy up to the shared repository's main (after NEX7 pushed a fix). */
    public void pull() {
        try {
            git.pull().setRemote("origin").setRemoteBranchName("main").call();
        } catch (GitAPIException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** The head of main in the shared repository. */
    public RevCommit sharedHead() {
        try (Git shared = Git.open(bare.toFile())) {
            return shared.log().add(shared.getRepository().resolve("refs/heads/main")).setMaxCount(1).call().iterator().next();
        } catch (IOException | GitAPIException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
