import {
  DomainError,
  type Locale,
  open311Discovery,
  open311ServiceDefinition,
  open311Services,
  type XmlValue,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { currentDirectory } from "../directory/current-directory.js";

/** GET discovery: this server's GeoReport v2 endpoint (its URL comes from the request). */
export function open311DiscoveryDocument(deps: Deps, endpointUrl: string, locale: Locale) {
  return open311Discovery({ endpointUrl, type: deps.open311.endpointType, locale });
}

/** GET services: the directory's categories, conduct complaints left out. */
export async function listOpen311Services(deps: Deps, locale: Locale): Promise<XmlValue[]> {
  return open311Services(await currentDirectory(deps), locale);
}

/** GET services/{service_code}: its attributes (village, villager group, title). */
export async function getOpen311ServiceDefinition(
  deps: Deps,
  serviceCode: string,
  locale: Locale,
): Promise<{ [name: string]: XmlValue }> {
  const definition = open311ServiceDefinition(await currentDirectory(deps), serviceCode, locale);
  if (!definition) {
    throw new DomainError("validation_failed", {
      fields: { service_code: { kind: "unknown_category" } },
    });
  }
  return definition;
}
