package io.partitionmq.jndi;

import io.partitionmq.jms.PartitionMQQueue;
import io.partitionmq.jms.PartitionMQTopic;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;

/**
 * A flat, read-only naming context over the objects {@link PartitionMQInitialContextFactory} built from its
 * environment. Names are looked up whole ({@code jms/orders} is one name); {@code dynamicQueues/<name>} and
 * {@code dynamicTopics/<name>} give a queue or topic of that name without configuration.
 */
final class ReadOnlyContext implements Context {
    static final String DYNAMIC_QUEUES = "dynamicQueues/";
    static final String DYNAMIC_TOPICS = "dynamicTopics/";

    private final Map<String, Object> bound;
    private final Hashtable<Object, Object> environment;

    ReadOnlyContext(Map<String, Object> bound, Hashtable<Object, Object> environment) {
        this.bound = new TreeMap<>(bound);
        this.environment = environment;
    }

    @Override
    public Object lookup(String name) throws NamingException {
        if (name.isEmpty()) {
            return this;
        }
        Object object = bound.get(name);
        if (object != null) {
            return object;
        }
        if (name.startsWith(DYNAMIC_QUEUES) && name.length() > DYNAMIC_QUEUES.length()) {
            return new PartitionMQQueue(name.substring(DYNAMIC_QUEUES.length()));
        }
        if (name.startsWith(DYNAMIC_TOPICS) && name.length() > DYNAMIC_TOPICS.length()) {
            return new PartitionMQTopic(name.substring(DYNAMIC_TOPICS.length()));
        }
        throw new NameNotFoundException("nothing is bound to '" + name + "'; bound: " + bound.keySet()
                + " (configure connectionFactory.<name>, queue.<name> or topic.<name> in the environment, or look"
                + " up " + DYNAMIC_QUEUES + "<queue> or " + DYNAMIC_TOPICS + "<topic>)");
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(name.toString());
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        return enumerate(name, entry -> new NameClassPair(entry.getKey(), entry.getValue().getClass().getName()));
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(name.toString());
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        return enumerate(name, entry -> new Binding(entry.getKey(), entry.getValue()));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(name.toString());
    }

    private <T> NamingEnumeration<T> enumerate(String name, Function<Map.Entry<String, Object>, T> element)
            throws NamingException {
        if (!name.isEmpty()) {
            throw new NameNotFoundException("'" + name + "' is not a context: this context is flat; list \"\"");
        }
        Iterator<Map.Entry<String, Object>> entries = bound.entrySet().iterator();
        return new NamingEnumeration<>() {
            @Override
            public T next() {
                return element.apply(entries.next());
            }

            @Override
            public boolean hasMore() {
                return entries.hasNext();
            }

            @Override
            public boolean hasMoreElements() {
                return entries.hasNext();
            }

            @Override
            public T nextElement() {
                return next();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public NameParser getNameParser(String name) {
        return CompositeName::new;
    }

    @Override
    public NameParser getNameParser(Name name) {
        return getNameParser(name.toString());
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        return ((Name) prefix.clone()).addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) throws InvalidNameException {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    @Override
    public void close() {
    }

    private static OperationNotSupportedException readOnly() {
        return new OperationNotSupportedException("PartitionMQ's JNDI context is read-only: its objects come from"
                + " the environment (jndi.properties) given to the InitialContext");
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    /** Kept for {@link #getEnvironment}; the bound objects stay those the initial environment named. */
    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }
}
