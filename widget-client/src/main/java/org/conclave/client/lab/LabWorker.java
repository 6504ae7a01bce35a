package org.conclave.client.lab;

import java.util.List;
import org.conclave.client.jso.WorkerScope;
import org.conclave.client.platform.WebCryptoAead;
import org.conclave.client.selftest.Rfc9605Vectors;
import org.conclave.client.selftest.ThroughputRun;
import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.BcAead;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.util.Json;

/**
 * Entry point of {@code lab/lab-worker.js}: the SFrame code compiled by TeaVM, run in a dedicated
 * worker (where Conclave's frame transforms run) for the browser vector tests and benchmarks.
 * Development only: not served by the widget server. Requests (JSON):
 * <ul>
 *   <li>{@code {op: "vectors", backend, json}} → {@code {results: [{name, ok, why}]}}</li>
 *   <li>{@code {op: "bench", backend, suite, sizes, mode, window, ms, verify}} → {@code {frames, bytes, ms, failures}};
 *       {@code mode} is {@code "roundtrip"} (the default), {@code "protect"} or {@code "unprotect"}</li>
 * </ul>
 * {@code backend} is {@code "bc"} or {@code "webcrypto"}.
 */
public final class LabWorker {
    private LabWorker() {}

    public static void main(String[] args) {
        WorkerScope.publish(LabWorker::handle);
    }

    private static void handle(String json, WorkerScope.Reply reply) {
        try {
            JsonObject request = Json.parseObject(json);
            Aead aead = "webcrypto".equals(request.getString("backend")) ? new WebCryptoAead() : new BcAead();
            String op = request.getString("op");
            if ("vectors".equals(op)) {
                runVectors(aead, request.getString("json"), reply);
            } else if ("bench".equals(op)) {
                runBench(aead, request, reply);
            } else {
                reply.send(error("unknown op"));
            }
        } catch (RuntimeException | SframeException e) {
            reply.send(error(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static void runVectors(Aead aead, String vectorsJson, WorkerScope.Reply reply) {
        List<Rfc9605Vectors.Vector> vectors = Rfc9605Vectors.parse(vectorsJson);
        JsonArray results = new JsonArray();
        int[] pending = {vectors.size()};
        for (Rfc9605Vectors.Vector vector : vectors) {
            JsonObject result = new JsonObject().put("name", vector.name());
            results.add(result);
            vector.check(aead, new Rfc9605Vectors.Outcome() {
                @Override
                public void passed() {
                    finish(true, "");
                }

                @Override
                public void failed(String why) {
                    finish(false, why);
                }

                private void finish(boolean ok, String why) {
                    result.put("ok", ok).put("why", why);
                    if (--pending[0] == 0) {
                        reply.send(new JsonObject().put("results", results).toJson());
                    }
                }
            });
        }
    }

    private static void runBench(Aead aead, JsonObject request, WorkerScope.Reply reply) throws SframeException {
        CipherSuite suite = CipherSuite.byId((int) request.getNumber("suite", 4));
        List<JsonValue> items = request.getArray("sizes").items();
        int[] sizes = new int[items.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = (int) items.get(i).asDouble();
        }
        int window = (int) request.getNumber("window", 1);
        double millis = request.getNumber("ms", 1000);
        boolean verify = request.getBoolean("verify", false);
        ThroughputRun.Mode mode = ThroughputRun.Mode.named(request.has("mode") ? request.getString("mode") : "roundtrip");
        if (mode == null) {
            reply.send(error("unknown mode"));
            return;
        }
        ThroughputRun.start(aead, suite, sizes, mode, window, WorkerScope::now, millis, verify, result -> reply.send(new JsonObject()
                .put("backend", aead.name())
                .put("frames", result.frames())
                .put("bytes", result.bytes())
                .put("ms", result.millis())
                .put("failures", result.failures())
                .toJson()));
    }

    private static String error(String message) {
        return new JsonObject().put("error", message).toJson();
    }
}
