package dev.zielwerk.gateway.supergraph;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;

/**
 * Loads a supergraph SDL in Apollo's join spec format ({@code @link} v1.0, {@code join}
 * v0.3 to v0.5).
 */
public final class SupergraphLoader {

	private SupergraphLoader() {
	}

	/**
	 * Loads a supergraph from a file path or an {@code http(s)://} / {@code file:} URL.
	 * @param location where the SDL is
	 * @return the supergraph
	 */
	public static Supergraph load(String location) {
		try {
			if (location.startsWith("http://") || location.startsWith("https://") || location.startsWith("file:")) {
				try (InputStream in = URI.create(location).toURL().openStream()) {
					return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
			return parse(Files.readString(Path.of(location)));
		}
		catch (IOException ex) {
			throw new SupergraphException("cannot read the supergraph from " + location + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Parses a supergraph SDL.
	 * @param sdl the supergraph document
	 * @return the supergraph
	 */
	public static Supergraph parse(String sdl) {
		Document document;
		try {
			// supergraphs of large organisations exceed graphql-java's default token
			// limit
			ParserOptions options = ParserOptions.getDefaultSdlParserOptions()
				.transform((b) -> b.maxTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE));
			document = Parser
				.parse(new graphql.parser.ParserEnvironment.Builder().document(sdl).parserOptions(options).build());
		}
		catch (InvalidSyntaxException ex) {
			throw new SupergraphException("the supergraph is not valid SDL: " + ex.getMessage(), ex);
		}
		SchemaStripper stripper = new SchemaStripper(document);
		JoinMetadataReader reader = new JoinMetadataReader(stripper.joinPrefix());
		Map<String, Subgraph> subgraphs = reader.readGraphs(document);
		Map<String, TypeMeta> types = reader.readTypes(document);
		Map<String, Map<String, Set<String>>> memberships = reader.readMemberships(document);
		GraphQLSchema schema = build(stripper.strip(document, false));
		GraphQLSchema apiSchema = build(stripper.strip(document, true));
		return new Supergraph(schema, apiSchema, subgraphs, types, memberships, document);
	}

	private static GraphQLSchema build(Document document) {
		try {
			return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(document));
		}
		catch (SchemaProblem ex) {
			throw new SupergraphException("the supergraph does not form a valid schema: " + ex.getMessage(), ex);
		}
	}

}
