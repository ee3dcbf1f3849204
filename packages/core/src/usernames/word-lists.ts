/**
 * Neutral, easy-to-read words for usernames. Chosen to say nothing about a persona (no age, sex, politics or
 * judgement), so that a name cannot hint at the attributes a study varies. 128 × 128 = 16,384 names.
 */
export const ADJECTIVES: readonly string[] = words(`
  Amber Ample Arctic Autumn Azure Balmy Bold Brave Breezy Bright Brisk Bronze Calm Candid Classic Cheery Chilly
  Civic Clever Cloudy Cobalt Cool Copper Crystal Cosmic Cozy Crimson Crisp Curious Dapper Dawn Deft Dusky Eager
  Early Earnest Elder Emerald Epic Even Fabled Fair Fleet Foggy Frosty Gentle Gilded Glad Golden Grand Granite
  Hazel Hearty Hidden Honest Humble Indigo Ivory Jade Jolly Keen Kind Lively Lucky Lunar Maple Marble Mellow
  Merry Mighty Misty Modest Mossy Nimble Noble North Oaken Ochre Olive Opal Patient Pebble Plucky Polar
  Prairie Proud Quick Quiet Rapid Ready Rocky Rosy Royal Rustic Sandy Scarlet Serene Sharp Silent Silver Sly
  Snowy Solar Sonic Spry Stark Steady Stellar Stormy Sturdy Sunny Swift Tidal Timber Topaz Tranquil True Tulip
  Umber Upbeat Velvet Vivid Warm Wild Windy Wise Witty Zesty
`);

export const NOUNS: readonly string[] = words(`
  Acorn Albatross Alder Antelope Aspen Badger Basil Beacon Beaver Birch Bison Bluff Boulder Bramble Brook
  Canyon Cardinal Caribou Cedar Cliff Clover Comet Condor Coral Cougar Coyote Crane Creek Cricket Cypress
  Dolphin Dove Dune Eagle Egret Elk Ember Falcon Fern Ferret Finch Fjord Flint Fox Gazelle Geyser Glacier Glen
  Gopher Grove Gull Harbor Hare Hawk Heron Hickory Horizon Ibis Iris Island Jackal Jasper Juniper Kestrel Kite
  Koala Lagoon Lark Laurel Lemur Lichen Linden Lynx Magpie Mallard Marten Meadow Meteor Mink Moose Moth Nebula
  Newt Oasis Ocelot Orca Osprey Otter Owl Panda Pelican Pine Plover Pond Puffin Quail Quartz Rabbit Raven Reef
  Ridge River Robin Sable Sage Salmon Sparrow Spruce Stork Summit Swallow Swan Thicket Thistle Tiger Trout
  Tundra Valley Walrus Willow Wombat Wren Yak Yarrow Zebra Zephyr Marmot Heather
`);

function words(text: string): string[] {
  return text.trim().split(/\s+/);
}
