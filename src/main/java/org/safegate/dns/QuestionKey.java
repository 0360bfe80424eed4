package org.safegate.dns;

import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;

/**
 * What makes two queries the same question upstream: the name in lower case, type, class, and the
 * DO and CD bits (they change the answer: signatures, unchecked data). Queries with equal keys in
 * flight at once share one upstream exchange.
 */
record QuestionKey(Name name, int type, int dclass, boolean dnssecOk, boolean checkingDisabled) {
    static QuestionKey of(Message query) {
        Record question = query.getQuestion();
        OPTRecord opt = query.getOPT();
        boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
        return new QuestionKey(question.getName().canonicalize(), question.getType(), question.getDClass(), dnssecOk,
                query.getHeader().getFlag(Flags.CD));
    }
}
