package dev.zielwerk.gateway.composition;

/**
 * The kind of a named type, with the words Apollo's messages use for it.
 */
enum Kind {

	OBJECT("Object Type"), INTERFACE("Interface Type"), UNION("Union Type"), ENUM("Enum Type"),
	INPUT("Input Object Type"), SCALAR("Scalar Type");

	private final String label;

	Kind(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
