package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SandboxFilesTest {
  @TempDir Path root;
  Path workDir;
  Path outside;
  HttpServer server;
  WebClient client;

  @BeforeEach
  void serve(Vertx vertx) throws Exception {
    workDir = Files.createDirectories(root.resolve("work"));
    outside = Files.writeString(root.resolve("secret.txt"), "secret");
    Path sandbox = Files.createDirectories(workDir.resolve("sandboxes/fw/t1"));
    Files.writeString(sandbox.resolve("stdout"), "hello world\n");
    Router router = Router.router(vertx);
    new SandboxFiles(vertx, workDir).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    server.close().await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> get(String uri, String path, String... params) throws Exception {
    var request = client.get(server.actualPort(), "127.0.0.1", uri).addQueryParam("path", path);
    for (int i = 0; i < params.length; i += 2) {
      request.addQueryParam(params[i], params[i + 1]);
    }
    return request.send().await(10, TimeUnit.SECONDS);
  }

  @Test
  void readsAFileByRelativeOrAbsolutePath() throws Exception {
    var relative = get("/files/read", "sandboxes/fw/t1/stdout");
    var absolute = get("/files/read", workDir.resolve("sandboxes/fw/t1/stdout").toString());

    assertThat(relative.statusCode()).isEqualTo(200);
    assertThat(relative.bodyAsJsonObject()).isEqualTo(new JsonObject().put("data", "hello world\n").put("offset", 0));
    assertThat(absolute.bodyAsJsonObject()).isEqualTo(relative.bodyAsJsonObject());
  }

  @Test
  void readsAPageAtAnOffset() throws Exception {
    var page = get("/files/read", "sandboxes/fw/t1/stdout", "offset", "6", "length", "5");

    assertThat(page.bodyAsJsonObject()).isEqualTo(new JsonObject().put("data", "world").put("offset", 6));
  }

  @Test
  void offsetMinusOneAnswersTheFileLength() throws Exception {
    var size = get("/files/read", "sandboxes/fw/t1/stdout", "offset", "-1");

    assertThat(size.bodyAsJsonObject()).isEqualTo(new JsonObject().put("data", "").put("offset", 12));
  }

  @Test
  void aMissingFileIs404() throws Exception {
    var missing = get("/files/read", "sandboxes/fw/t1/nope");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsString()).contains("no such file");
  }

  @Test
  void dotDotOutOfTheWorkDirIsRefused() throws Exception {
    var escape = get("/files/read", "../../etc/passwd");
    var absolute = get("/files/read", "/etc/passwd");

    assertThat(escape.statusCode()).isEqualTo(400);
    assertThat(escape.bodyAsString()).contains("outside the agent work dir");
    assertThat(absolute.statusCode()).isEqualTo(400);
  }

  @Test
  void aSymlinkOutOfTheWorkDirIsRefused() throws Exception {
    Files.createSymbolicLink(workDir.resolve("sandboxes/fw/t1/link"), outside);

    var escape = get("/files/read", "sandboxes/fw/t1/link");

    assertThat(escape.statusCode()).isEqualTo(400);
    assertThat(escape.bodyAsString()).contains("symlink").doesNotContain("secret\"");
  }

  @Test
  void badNumbersAndMissingPathsAre400() throws Exception {
    assertThat(get("/files/read", "sandboxes/fw/t1/stdout", "offset", "x").statusCode()).isEqualTo(400);
    assertThat(get("/files/read", "sandboxes/fw/t1/stdout", "offset", "-5").statusCode()).isEqualTo(400);
    assertThat(get("/files/read", "").statusCode()).isEqualTo(400);
    assertThat(get("/files/read", "sandboxes/fw").statusCode()).isEqualTo(400);
  }

  @Test
  void browsesADirectoryInMesosShape() throws Exception {
    var listing = get("/files/browse", "sandboxes/fw/t1");

    assertThat(listing.statusCode()).isEqualTo(200);
    JsonArray entries = listing.bodyAsJsonArray();
    assertThat(entries).hasSize(1);
    JsonObject stdout = entries.getJsonObject(0);
    assertThat(stdout.getString("path")).isEqualTo(workDir.resolve("sandboxes/fw/t1/stdout").toRealPath().toString());
    assertThat(stdout.getLong("size")).isEqualTo(12);
    assertThat(stdout.getString("mode")).matches("-[r-][w-][x-][r-][w-][x-][r-][w-][x-]");
    assertThat(stdout.getInteger("nlink")).isEqualTo(1);
    assertThat(stdout.getLong("mtime")).isPositive();
    assertThat(stdout.getString("uid")).isNotBlank();
    assertThat(stdout.getString("gid")).isNotBlank();
  }

  @Test
  void modeStringsReadLikeLs() {
    assertThat(SandboxFiles.modeString(0100644)).isEqualTo("-rw-r--r--");
    assertThat(SandboxFiles.modeString(040755)).isEqualTo("drwxr-xr-x");
    assertThat(SandboxFiles.modeString(0120777)).isEqualTo("lrwxrwxrwx");
  }
}
