window.YTD.follower.part0 = [
  {
    "follower" : {
      "accountId" : "1580000000000000042",
      "userLink" : "https://twitter.com/intent/user?user_id=1580000000000000042"
    }
  },
  {
    "follower" : {
      "accountId" : "98765",
      "userLink" : "https://twitter.com/intent/user?user_id=98765"
    }
  }
]