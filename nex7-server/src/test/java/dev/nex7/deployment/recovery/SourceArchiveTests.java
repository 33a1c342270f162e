package dev.nex7.deployment.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nex7.deployment.recovery.SourceArchive.ArchiveRefused;
import dev.nex7.deployment.recovery.SourceArchive.Limits;
import dev.nex7.deployment.recovery.SourceArchive.Unpacked;

/**
 * The strict reader of GitHub's source archives: a real {@code git archive} (what GitHub serves) is
 * unpacked below its top folder with its commit id, executable bits and inner links; archives that
 * reach out (paths with {@code ..}, absolute paths, links out, writes through a link, hard links to
 * nothing unpacked, device files, {@code .git}) or are too large are refused with a clear message,
 * and nothing lands outside the target folder.
 */
class SourceArchiveTests {

    private static final Limits ROOMY = new Limits(10_000_000, 1_000);
    private static final String TOP = "acme-shop-9f2c1e0/";

    @TempDir
    Path directory;

    @Test
    void aRealGitArchiveIsUnpackedBelowItsTopFolderWithItsCommitIdModesAndInnerLinks() throws Exception {
        Path repo = Files.createDirectories(directory.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        Files.createDirectories(repo.resolve("src/deeply/nested/folders/that/make/a/path/longer/than/a/hundred/characters/for/pax"));
        Files.writeString(repo.resolve("package.json"), "{\"name\":\"shop\"}\n");
        Files.writeString(repo.resolve("src/deeply/nested/folders/that/make/a/path/longer/than/a/hundred/characters/for/pax/index.ts"),
                "export const answer = 42;\n");
        Files.writeString(repo.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(repo.resolve("run.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(repo.resolve("readme.md"), Path.of("package.json"));
        git(repo, "add", ".");
        git(repo, "-c", "user.name=Dana", "-c", "user.email=dana@shop.test", "commit", "-q", "-m", "Start");
        String sha = git(repo, "rev-parse", "HEAD").strip();
        Path archive = directory.resolve("archive.tar.gz");
        git(repo, "archive", "--format=tar.gz", "--prefix=acme-shop-" + sha.substring(0, 7) + "/", "-o", archive.toString(), "HEAD");
        Path into = directory.resolve("source");

        Unpacked unpacked = SourceArchive.extract(Files.newInputStream(archive), into, ROOMY);

        assertThat(unpacked.commit()).isEqualTo(sha);
        assertThat(Files.readString(into.resolve("package.json"))).isEqualTo("{\"name\":\"shop\"}\n");
        assertThat(Files.readString(into.resolve("src/deeply/nested/folders/that/make/a/path/longer/than/a/hundred/characters/for/pax/index.ts")))
                .contains("42");
        assertThat(Files.getPosixFilePermissions(into.resolve("run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(into.resolve("package.json"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.readSymbolicLink(into.resolve("readme.md"))).isEqualTo(Path.of("package.json"));
        assertThat(into.resolve("acme-shop-" + sha.substring(0, 7))).doesNotExist();
    }

    @Test
    void aPathWithDotDotIsRefusedAndNothingLandsOutside() {
        byte[] archive = new Tar().folder(TOP).file(TOP + "../escaped.txt", "owned").gzip();

        assertRefused(archive, ROOMY, "path with ..");
        assertThat(directory.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void anAbsolutePathIsRefused() {
        assertRefused(new Tar().file("/etc/cron.d/owned", "* * * * * root sh").gzip(), ROOMY, "absolute");
    }

    @Test
    void aSymbolicLinkPointingOutIsRefused() {
        assertRefused(new Tar().folder(TOP).symlink(TOP + "secrets", "../../../../etc").gzip(), ROOMY, "points out of the source");
        assertRefused(new Tar().folder(TOP).symlink(TOP + "passwd", "/etc/passwd").gzip(), ROOMY, "absolute");
        assertRefused(new Tar().folder(TOP).symlink(TOP + "hooks", ".git/hooks").gzip(), ROOMY, "points out of the source");
    }

    @Test
    void writingThroughASymbolicLinkIsRefusedEvenOneThatStaysInside() {
        byte[] archive = new Tar().folder(TOP).folder(TOP + "src/").symlink(TOP + "alias", "src").file(TOP + "alias/index.ts", "x").gzip();

        assertRefused(archive, ROOMY, "through a symbolic link");
        assertThat(directory.resolve("source/src/index.ts")).doesNotExist();
    }

    @Test
    void aHardLinkMustNameAFileUnpackedBeforeItAndIsCopied() throws IOException {
        assertRefused(new Tar().folder(TOP).hardLink(TOP + "passwd", "/etc/passwd").gzip(), ROOMY, "absolute");
        assertRefused(new Tar().folder(TOP).hardLink(TOP + "later", TOP + "missing.txt").gzip(), ROOMY, "does not name a file");

        Path into = directory.resolve("linked");
        SourceArchive.extract(new ByteArrayInputStream(new Tar().folder(TOP).file(TOP + "a.txt", "same").hardLink(TOP + "b.txt", TOP + "a.txt")
                .gzip()), into, ROOMY);
        assertThat(Files.readString(into.resolve("b.txt"))).isEqualTo("same");
        assertThat(Files.isSymbolicLink(into.resolve("b.txt"))).isFalse();
    }

    @Test
    void deviceFilesAndFifosAreRefused() {
        assertRefused(new Tar().folder(TOP).entry(TOP + "tty", '3', "", 0).gzip(), ROOMY, "device file or FIFO");
        assertRefused(new Tar().folder(TOP).entry(TOP + "pipe", '6', "", 0).gzip(), ROOMY, "device file or FIFO");
    }

    @Test
    void anArchivePastTheSizeLimitIsRefusedBeforeTheEntryIsWritten() {
        byte[] archive = new Tar().folder(TOP).file(TOP + "small.txt", "ok").file(TOP + "big.bin", "x".repeat(5_000)).gzip();

        assertRefused(archive, new Limits(4_096, 1_000), "more than 4096 bytes");
        assertThat(directory.resolve("source/small.txt")).exists();
        assertThat(directory.resolve("source/big.bin")).doesNotExist();
    }

    @Test
    void anArchiveWithTooManyEntriesIsRefused() {
        Tar tar = new Tar().folder(TOP);
        for (int i = 0; i < 20; i++) {
            tar.file(TOP + "file-" + i + ".txt", "x");
        }

        assertRefused(tar.gzip(), new Limits(1_000_000, 10), "more than 10 entries");
    }

    @Test
    void pathsOutsideTheTopFolderOrInsideGitAreRefused() {
        assertRefused(new Tar().folder(TOP).file("other-top/file.txt", "x").gzip(), ROOMY, "outside its top folder");
        assertRefused(new Tar().folder(TOP).file(TOP + ".git/config", "[core]").gzip(), ROOMY, "inside .git");
        assertRefused(new Tar().folder(TOP).file(TOP + "src/.GIT/hooks/post-checkout", "x").gzip(), ROOMY, "inside .git");
    }

    @Test
    void aDamagedOrForeignArchiveIsRefused() {
        byte[] tar = new Tar().folder(TOP).file(TOP + "a.txt", "x").tar();
        tar[600] ^= 1; // inside the second header: its checksum no longer matches

        assertRefused(gzip(tar), ROOMY, "wrong checksum");
        assertRefused("not gzip at all".getBytes(StandardCharsets.UTF_8), ROOMY, "not gzip");
        assertRefused(gzip(java.util.Arrays.copyOf(new Tar().folder(TOP).file(TOP + "a.txt", "x").tar(), 1024 + 512)), ROOMY,
                "ends in the middle");
    }

    private void assertRefused(byte[] archive, Limits limits, String reason) {
        assertThatThrownBy(() -> SourceArchive.extract(new ByteArrayInputStream(archive), directory.resolve("source"), limits))
                .isInstanceOf(ArchiveRefused.class).hasMessageContaining(reason);
        try (var files = Files.walk(directory)) {
            assertThat(files.filter(path -> !path.startsWith(directory.resolve("source")) && !path.equals(directory)))
                    .as("nothing outside the target folder").isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String git(Path repo, String... arguments) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", repo.toString()));
        command.addAll(java.util.List.of(arguments));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(output).isZero();
        return output;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toByteArray();
    }

    /** Writes ustar archives entry by entry, hostile ones included (nothing here checks what it writes). */
    private static final class Tar {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Tar folder(String name) {
            return entry(name, '5', "", 0);
        }

        Tar file(String name, String text) {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            entry(name, '0', "", data.length);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
            return this;
        }

        Tar symlink(String name, String target) {
            return entry(name, '2', target, 0);
        }

        Tar hardLink(String name, String target) {
            return entry(name, '1', target, 0);
        }

        Tar entry(String name, char type, String link, long size) {
            byte[] header = new byte[512];
            put(header, 0, name);
            put(header, 100, "0000644");
            put(header, 108, "0000000");
            put(header, 116, "0000000");
            put(header, 124, String.format("%011o", size));
            put(header, 136, "00000000000");
            header[156] = (byte) type;
            put(header, 157, link);
            put(header, 257, "ustar");
            put(header, 263, "00");
            java.util.Arrays.fill(header, 148, 156, (byte) ' ');
            long sum = 0;
            for (byte value : header) {
                sum += value & 0xff;
            }
            put(header, 148, String.format("%06o", sum));
            header[155] = ' ';
            out.writeBytes(header);
            return this;
        }

        byte[] tar() {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(out.toByteArray());
            whole.writeBytes(new byte[1024]);
            return whole.toByteArray();
        }

        byte[] gzip() {
            return SourceArchiveTests.gzip(tar());
        }

        private static void put(byte[] header, int offset, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(bytes, 0, header, offset, bytes.length);
        }
    }
}
