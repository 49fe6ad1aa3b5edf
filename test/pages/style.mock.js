// CSS imports are irrelevant in jsdom.
module.exports = {}
