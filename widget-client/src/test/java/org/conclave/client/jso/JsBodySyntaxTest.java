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
            List<String> errors = new ArrayList<>(syntaxErrors(script));
            errors.addAll(shortLocalNames(script));
            for (String error : errors) {
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

    @Test
    void theCheckCatchesLocalsThatMinifiedParametersCanShadow() {
        // The bug this guards against: TeaVM renamed a parameter to "i", and the script's own
        // "for (var i = 0; i < tagLength; ...)" became "for (var i = 0; i < i; ...)".
        assertThat(shortLocalNames("for (var i = 0; i < n; i++) {}")).singleElement().asString().contains("'i'");
        assertThat(shortLocalNames("list.forEach(function(ev, ix) {});")).hasSize(2);
        assertThat(shortLocalNames("try { go(); } catch (e) { stop(); }")).hasSize(1);
        assertThat(shortLocalNames("var index = 0; let total = 1; function(event) {} catch (error) {}")).isEmpty();
    }

    /**
     * TeaVM renames {@code @JSBody} parameters to one or two letters and may inline the script into
     * its caller, so a local of that length can capture a parameter or a caller's variable. Locals,
     * function parameters and catch variables therefore need at least three characters.
     */
    static List<String> shortLocalNames(String script) {
        List<String> problems = new ArrayList<>();
        java.util.regex.Matcher declared = java.util.regex.Pattern
                .compile("\\b(?:var|let|const)\\s+([A-Za-z_$][\\w$]*)|catch\\s*\\(\\s*([\\w$]+)\\s*\\)")
                .matcher(script);
        while (declared.find()) {
            checkName(declared.group(1) != null ? declared.group(1) : declared.group(2), problems);
        }
        java.util.regex.Matcher functions = java.util.regex.Pattern.compile("function\\s*[\\w$]*\\s*\\(([^)]*)\\)")
                .matcher(script);
        while (functions.find()) {
            for (String parameter : functions.group(1).split(",")) {
                if (!parameter.isBlank()) {
                    checkName(parameter.trim(), problems);
                }
            }
        }
        return problems;
    }

    private static void checkName(String name, List<String> problems) {
        if (name.length() < 3 || name.startsWith("$")) {
            problems.add("local name '" + name + "' can collide with TeaVM's minified names");
        }
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
