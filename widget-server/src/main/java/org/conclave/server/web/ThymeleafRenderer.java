package org.conclave.server.web;

import io.javalin.rendering.FileRenderer;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Javalin's {@link FileRenderer} over Thymeleaf templates in {@code templates/} on the classpath
 * (javalin-rendering-thymeleaf 7 cannot be resolved from Maven Central).
 */
public final class ThymeleafRenderer implements FileRenderer {
    private final TemplateEngine engine = new TemplateEngine();

    public ThymeleafRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    @Override
    public String render(String filePath, Map<String, ?> model, io.javalin.http.Context ctx) {
        org.thymeleaf.context.Context context = new org.thymeleaf.context.Context();
        model.forEach(context::setVariable);
        return engine.process(filePath, context);
    }
}
