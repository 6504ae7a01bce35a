package org.conclave.client.platform;

import org.conclave.client.call.CallState;
import org.conclave.client.i18n.Messages;
import org.conclave.client.jso.Browser;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonException;
import org.conclave.client.util.Log;

/**
 * Puts the screen into the host's language: English at once (built in), another language when
 * its file {@code i18n/<lang>.json} (beside the widget page) has arrived. A later choice wins over
 * a file still on its way; a missing or unreadable file leaves the screen as it was.
 */
public final class Translations {
    private final CallState state;
    private final Log log;
    private String wanted = "en";

    public Translations(CallState state, Log log) {
        this.state = state;
        this.log = log;
    }

    /** Shows the screen in the language of BCP 47 tag {@code tag} (the {@code lang} parameter), or English. */
    public void use(String tag) {
        String lang = Messages.supported(tag);
        wanted = lang;
        if ("en".equals(lang)) {
            if (!"en".equals(state.messages().lang())) {
                state.setMessages(Messages.english());
            }
            return;
        }
        Browser.http("i18n/" + lang + ".json", null, (status, body, error) -> {
            if (!lang.equals(wanted)) {
                return;
            }
            if (status != 200 || body == null) {
                log.warn("i18n: no words for " + lang + " (" + (status == 0 ? error : "HTTP " + status) + "); keeping "
                        + state.messages().lang());
                return;
            }
            try {
                state.setMessages(Messages.of(lang, Json.parseObject(body)));
            } catch (JsonException e) {
                log.warn("i18n: unreadable words for " + lang + "; keeping " + state.messages().lang());
            }
        });
    }
}
