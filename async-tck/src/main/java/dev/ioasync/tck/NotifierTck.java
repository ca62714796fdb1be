package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notifier tree: add, remove, children, parent, names, the add/remove hooks. */
public abstract class NotifierTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected NotifierTck() {
    }

    /** Records its add and remove hooks. */
    static final class Recording extends Notifier {
        final List<String> log;

        Recording(String name, List<String> log) {
            this.log = log;
            name(name);
        }

        @Override
        protected void addedToLoop(Loop l) {
            log.add("added " + name());
        }

        @Override
        protected void removedFromLoop(Loop l) {
            log.add("removed " + name() + (loop() == l ? "" : " (loop already gone)"));
        }
    }

    @Test
    void notifier_addingAParentAddsItsSubtreeParentFirst() {
        List<String> log = new ArrayList<>();
        Recording parent = new Recording("parent", log);
        Recording child = new Recording("child", log);
        Recording grandchild = new Recording("grandchild", log);
        child.addChild(grandchild);
        parent.addChild(child);
        loop.add(parent);
        assertThat(log).containsExactly("added parent", "added child", "added grandchild");
        assertThat(grandchild.loop()).isSameAs(loop);
        assertThat(loop.notifiers()).containsExactly(parent);
        assertThat(parent.children()).containsExactly(child);
        assertThat(grandchild.parent()).isSameAs(child);
    }

    @Test
    void notifier_removingAParentRemovesItsSubtreeChildrenFirst() {
        List<String> log = new ArrayList<>();
        Recording parent = new Recording("parent", log);
        Recording child = new Recording("child", log);
        parent.addChild(child);
        loop.add(parent);
        log.clear();
        loop.remove(parent);
        assertThat(log).containsExactly("removed child", "removed parent");
        assertThat(child.loop()).isNull();
        assertThat(child.parent()).isSameAs(parent);
        assertThat(loop.notifiers()).isEmpty();
    }

    @Test
    void notifier_addingAChildToANotifierInALoopAddsItToTheLoop() {
        List<String> log = new ArrayList<>();
        Recording parent = new Recording("parent", log);
        loop.add(parent);
        Recording child = new Recording("child", log);
        parent.addChild(child);
        assertThat(child.loop()).isSameAs(loop);
        parent.removeChild(child);
        assertThat(child.loop()).isNull();
        assertThat(log).containsExactly("added parent", "added child", "removed child");
    }

    @Test
    void notifier_removeFromParentWorksAtEveryLevel() {
        Notifier parent = new Notifier();
        Notifier child = new Notifier();
        parent.addChild(child);
        loop.add(parent);
        child.removeFromParent();
        assertThat(parent.children()).isEmpty();
        parent.removeFromParent();
        assertThat(loop.notifiers()).isEmpty();
        parent.removeFromParent(); // in nothing: no-op
    }

    @Test
    void notifier_misuseOfTheTreeIsAnErrorThatSaysWhat() {
        Notifier parent = new Notifier().name("p");
        Notifier child = new Notifier().name("c");
        parent.addChild(child);
        assertThatThrownBy(() -> new Notifier().addChild(child)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a parent");
        assertThatThrownBy(() -> loop.add(child)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("child of").hasMessageContaining("p");
        assertThatThrownBy(() -> child.addChild(parent)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("descendant");
        loop.add(parent);
        assertThatThrownBy(() -> loop.add(parent)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already in this loop");
        assertThatThrownBy(() -> loop.remove(child)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("remove it from its parent");
        assertThatThrownBy(() -> loop.remove(new Notifier())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in this loop");
        assertThatThrownBy(() -> parent.removeChild(new Notifier())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a child");
    }

    @Test
    void notifier_aNotifierIsInOneLoopAtATime() {
        Notifier n = new Notifier();
        loop.add(n);
        try (Loop other = newLoop(null)) {
            assertThatThrownBy(() -> other.add(n)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another loop");
        }
    }

    @Test
    void notifier_namesShowInItsDescription() {
        assertThat(new Notifier().name("conn-7").toString()).isEqualTo("Notifier[conn-7]");
        assertThat(new Notifier().toString()).startsWith("Notifier@");
    }
}
