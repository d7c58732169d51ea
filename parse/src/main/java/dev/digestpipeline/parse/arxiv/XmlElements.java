package dev.digestpipeline.parse.arxiv;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/** Namespace-prefix-blind access to XML children: "arxiv:primary_category" and "primary_category" alike. */
final class XmlElements {
    private XmlElements() {}

    static String localName(Element element) {
        String name = element.tagName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    static Element child(Element parent, String localName) {
        for (Element child : parent.children()) {
            if (localName(child).equalsIgnoreCase(localName)) {
                return child;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Element child : parent.children()) {
            if (localName(child).equalsIgnoreCase(localName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The child's text (XML entities decoded by the parser), or null when there is no such child. */
    static String text(Element parent, String localName) {
        Element child = child(parent, localName);
        return child == null ? null : child.wholeText();
    }

    /** Every element anywhere below the root with this local name, in document order. */
    static List<Element> all(Element root, String localName) {
        List<Element> found = new ArrayList<>();
        for (Element element : root.getAllElements()) {
            if (localName(element).equalsIgnoreCase(localName)) {
                found.add(element);
            }
        }
        return found;
    }
}
