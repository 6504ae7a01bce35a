package org.conclave.client.jso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.teavm.backend.javascript.rendering.JSParser;
import org.teavm.jso.JSBody;
import org.teavm.rhino.javascript.CompilerEnvirons;
import org.teavm.rhino.javascript.ErrorReporter;
import org.teavm.rhino.javascript.EvaluatorException;

/**
 * Fails the build on a {@code @JSBody} script that TeaVM's parser rejects. TeaVM 0.15 only logs
 * {@code [WARNING] Error in @JSBody script} for those and then emits the script unparsed, so a
 * syntax its old Rhino does not know (e.g. shorthand properties {@code {x}}) would otherwise reach
 * users unnoticed. The parse mirrors {@code JSClassProcessor}: the script wrapped in
 * {@code function(){…}}, language version 180, IDE mode, recovering from errors.
 */
class JsBodySyntaxTest {
    private static final Path CLASSES = Paths.get("target/classes");

    @Test
    void everyJsBodyScriptParsesTheWayTeaVmParsesIt() throws Exception {
        List<String> problems = new ArrayList<>();
        int scripts = 0;
        for (Method method : jsBodyMethods()) {
            scripts++;
            String script = method.getAnnotation(JSBody.class).script();
            for (String error : syntaxErrors(script)) {
                problems.add(method.getDeclaringClass().getName() + "." + method.getName() + ": " + error);
            }
        }
        assertThat(scripts).as("@JSBody methods found in target/classes").isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckCatchesWhatTeaVmOnlyWarnsAbout() {
        assertThat(syntaxErrors("var x = 1; return {x};")).singleElement().asString()
                .contains("invalid object initializer");
        assertThat(syntaxErrors("return {a: 1};")).isEmpty();
        assertThat(syntaxErrors("return (a) => a + 1;")).isEmpty();
    }

    static List<String> syntaxErrors(String script) {
        List<String> errors = new ArrayList<>();
        CompilerEnvirons env = new CompilerEnvirons();
        env.setRecoverFromErrors(true);
        env.setLanguageVersion(180);
        env.setIdeMode(true);
        ErrorReporter reporter = new ErrorReporter() {
            @Override
            public void warning(String message, String source, int line, String lineSource, int offset) {
                errors.add("warning at " + offset + ": " + message);
            }

            @Override
            public void error(String message, String source, int line, String lineSource, int offset) {
                errors.add("error at " + offset + ": " + message);
            }

            @Override
            public EvaluatorException runtimeError(String message, String source, int line, String lineSource,
                    int offset) {
                return new EvaluatorException(message, source, line, lineSource, offset);
            }
        };
        try {
            new JSParser(env, reporter).parseAsObject(new StringReader("function(){" + script + "}"), null, 0);
        } catch (IOException | RuntimeException e) {
            errors.add("parser failed: " + e.getMessage());
        }
        return errors;
    }

    private static List<Method> jsBodyMethods() throws IOException, ClassNotFoundException {
        List<Method> methods = new ArrayList<>();
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        ClassLoader loader = JsBodySyntaxTest.class.getClassLoader();
        for (Path file : classFiles) {
            String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            for (Method method : Class.forName(name, false, loader).getDeclaredMethods()) {
                if (method.isAnnotationPresent(JSBody.class)) {
                    methods.add(method);
                }
            }
        }
        return methods;
    }
}
